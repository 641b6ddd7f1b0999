/**
 * `certs issue` through the built CLI (dist/cli.js), checked by openssl: the certificate verifies
 * as a TLS client certificate against the CA it was issued from (ours and one openssl made), its
 * subject carries the role as openssl reads it, the serial printed is openssl's, and reading a
 * certificate back (readAccessCertificate) agrees with openssl over a corpus of odd subjects.
 */
import * as assert from 'node:assert/strict';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

import { accessRoles } from '../../../src/core/access/accessRoles';
import { normalSerial, readAccessCertificate } from '../../../src/core/access/readAccessCertificate';
import { cliPath } from '../../support/repoPaths';
import { runProcess } from '../../support/runProcess';
import { useTempDirs } from '../../support/tempDir';
import { openssl, opensslCa, opensslVerify } from '../certificates/opensslPki';

const cli = (...args: string[]) => runProcess(process.execPath, [cliPath, ...args]);
const dayMs = 86_400_000;

/** openssl's reading of a subject: every attribute as [short name, value], in DER order. */
async function opensslSubject(certPem: string): Promise<[string, string][]> {
  const text = await openssl(['x509', '-noout', '-subject', '-nameopt', 'sep_multiline,sname,utf8,-esc_msb'], certPem);
  return text
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .flatMap((line) => line.trim().split(' + '))
    .map((attribute): [string, string] => {
      const equals = attribute.indexOf('=');
      return [attribute.slice(0, equals), attribute.slice(equals + 1)];
    });
}

describe('CLI: certs issue', () => {
  const tempDir = useTempDirs('certs-issue');
  let ours: string;
  let theirs: string;

  before(async function () {
    this.timeout(30_000);
    ours = path.join(await tempDir(), 'pki');
    const created = await cli('certs', 'create', '--host', '127.0.0.1', '--key', 'ecdsa-p256', '--out', ours);
    assert.equal(created.code, 0, created.stderr);
    theirs = await tempDir();
    await opensslCa(theirs);
  });

  for (const role of accessRoles) {
    for (const ca of ['certs create', 'openssl'] as const) {
      it(`issues a certificate with role ${role} from a CA made by ${ca} that openssl verifies as a client certificate`, async function () {
        this.timeout(20_000);
        const caDir = ca === 'openssl' ? theirs : ours;
        const out = path.join(await tempDir(), 'client');
        const result = await cli('certs', 'issue', '--ca', caDir, '--name', `Alice ${role}`, '--role', role, '--out', out, '--days', '7');
        assert.equal(result.code, 0, result.stderr);
        assert.deepEqual((await readdir(out)).sort(), ['ca.pem', 'cert.pem', 'key.pem']);
        for (const file of ['ca.pem', 'cert.pem', 'key.pem']) {
          assert.equal((await stat(path.join(out, file))).mode & 0o777, file === 'key.pem' ? 0o600 : 0o644, file);
        }
        const [caPem, certPem] = await Promise.all(['ca.pem', 'cert.pem'].map((file) => readFile(path.join(out, file), 'utf8')));
        assert.equal(caPem, await readFile(path.join(caDir, 'ca.pem'), 'utf8'));
        assert.match(await opensslVerify(await tempDir(), caPem, certPem, 'sslclient'), /: OK\n/);
        const subject = await opensslSubject(certPem);
        assert.deepEqual(
          subject.filter(([name]) => name === 'OU' || name === 'CN'),
          [
            ['OU', `role=${role}`],
            ['CN', `Alice ${role}`],
          ],
        );
        const serial = (await openssl(['x509', '-noout', '-serial'], certPem)).trim().replace(/^serial=/, '');
        assert.equal(result.stdout, `${normalSerial(serial)}\n`);
        const endDate = new Date((await openssl(['x509', '-noout', '-enddate'], certPem)).trim().replace(/^notAfter=/, ''));
        assert.ok(Math.abs(endDate.getTime() - (Date.now() + 7 * dayMs)) < 60_000, `notAfter ${endDate.toISOString()}`);
        assert.deepEqual(readAccessCertificate(certPem), {
          name: `Alice ${role}`,
          role: { role },
          serial: normalSerial(serial),
          notAfter: endDate.toISOString(),
        });
      });
    }
  }

  it('gives every certificate its own serial, 30 days by default', async function () {
    this.timeout(30_000);
    const serials = new Set<string>();
    for (let index = 0; index < 4; index++) {
      const out = path.join(await tempDir(), 'client');
      const result = await cli('certs', 'issue', '--ca', ours, '--name', 'ci', '--role', 'viewer', '--out', out);
      assert.equal(result.code, 0, result.stderr);
      serials.add(result.stdout.trim());
      const notAfter = readAccessCertificate(await readFile(path.join(out, 'cert.pem'), 'utf8')).notAfter;
      assert.ok(Math.abs(new Date(notAfter).getTime() - (Date.now() + 30 * dayMs)) < 60_000, notAfter);
    }
    assert.equal(serials.size, 4);
  });

  it('refuses a role it does not know, a missing option, an empty name, and existing files', async function () {
    this.timeout(20_000);
    const out = path.join(await tempDir(), 'client');
    for (const args of [
      ['--role', 'root', '--name', 'x'],
      ['--name', 'x'],
      ['--role', 'viewer', '--name', ' '],
    ]) {
      const result = await cli('certs', 'issue', '--ca', ours, '--out', out, ...args);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
    }
    assert.equal((await cli('certs', 'issue', '--ca', ours, '--name', 'x', '--role', 'viewer', '--out', out)).code, 0);
    const again = await cli('certs', 'issue', '--ca', ours, '--name', 'x', '--role', 'viewer', '--out', out);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /refusing to overwrite existing files.*--force/);
  });

  it('reads an encrypted CA key with --ca-passphrase-file, and says when it needs one', async function () {
    this.timeout(30_000);
    const dir = await tempDir();
    const passphraseFile = path.join(dir, 'passphrase');
    await writeFile(passphraseFile, 'correct horse\n');
    const caDir = path.join(dir, 'pki');
    const created = await cli('certs', 'create', '--host', '127.0.0.1', '--key', 'ecdsa-p256', '--ca-passphrase-file', passphraseFile, '--out', caDir);
    assert.equal(created.code, 0, created.stderr);
    const without = await cli('certs', 'issue', '--ca', caDir, '--name', 'x', '--role', 'admin', '--out', path.join(dir, 'a'));
    assert.equal(without.code, 1);
    assert.match(without.stderr, /ca-key\.pem.*give --ca-passphrase-file/);
    const out = path.join(dir, 'b');
    const issued = await cli('certs', 'issue', '--ca', caDir, '--name', 'x', '--role', 'admin', '--out', out, '--ca-passphrase-file', passphraseFile);
    assert.equal(issued.code, 0, issued.stderr);
    const [caPem, certPem] = await Promise.all(['ca.pem', 'cert.pem'].map((file) => readFile(path.join(out, file), 'utf8')));
    assert.match(await opensslVerify(dir, caPem, certPem, 'sslclient'), /: OK\n/);
  });

  it('is listed in --help, with authz', async () => {
    const help = (await cli('--help')).stdout;
    assert.match(help, /^ {2}certs\s+.*issue access certificates/m);
    assert.match(help, /^ {2}authz\s+Run the authorization plugin/m);
  });

  describe('reading a certificate back agrees with openssl', () => {
    const subjects = [
      '/CN=no role',
      '/O=Docker Context Guard/OU=role=viewer/CN=viewer',
      '/OU=team a/OU=role=admin/CN=two units',
      '/OU=role=admin/OU=role=viewer/CN=two roles',
      '/OU=role=root/CN=unknown role',
      '/OU=Role=admin/CN=capital R is no role',
      '/OU=role=operator+CN=multi-valued',
      '/CN=first/CN=last',
      '/O=x',
      '/CN=OU=role=admin, a name that looks like a role',
      '/CN=Zoë Łukasz 名前',
    ];
    for (const subject of subjects) {
      it(subject, async function () {
        this.timeout(10_000);
        // A later -subj replaces opensslCa's own.
        const { certFile } = await opensslCa(await tempDir(), ['-utf8', '-subj', subject]);
        const certPem = await readFile(certFile, 'utf8');
        const attributes = await opensslSubject(certPem);
        const names = attributes.filter(([name]) => name === 'CN').map(([, value]) => value);
        const roles = attributes.filter(([name, value]) => name === 'OU' && value.startsWith('role=')).map(([, value]) => value.slice(5));
        const read = readAccessCertificate(certPem);
        assert.equal(read.name, names.at(-1) ?? '');
        if (roles.length === 1 && (accessRoles as readonly string[]).includes(roles[0])) assert.deepEqual(read.role, { role: roles[0] });
        else if (roles.length === 0) assert.deepEqual(read.role, { role: undefined });
        else assert.ok('problem' in read.role, JSON.stringify(read.role));
        const serial = (await openssl(['x509', '-noout', '-serial'], certPem)).trim().replace(/^serial=/, '');
        assert.equal(read.serial, normalSerial(serial));
      });
    }
  });
});
