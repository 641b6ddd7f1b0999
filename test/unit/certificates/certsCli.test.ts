/** `certs create` and `certs inspect` through the built CLI (dist/cli.js): files, modes, JSON and exit codes. */
import * as assert from 'node:assert/strict';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

import { describeCertificate } from '../../../src/core/certificates/describeCertificate';
import { cliPath } from '../../support/repoPaths';
import { runProcess } from '../../support/runProcess';
import { useTempDirs } from '../../support/tempDir';
import { openssl, opensslVerify } from './opensslPki';

const cli = (...args: string[]) => runProcess(process.execPath, [cliPath, ...args]);

describe('CLI: certs', () => {
  const tempDir = useTempDirs('certs-cli');
  let out: string;
  const read = (file: string) => readFile(path.join(out, file), 'utf8');

  before(async () => {
    out = path.join(await tempDir(), 'pki');
    const result = await cli(
      'certs',
      'create',
      '--host',
      'engine.example',
      '--ip',
      '127.192.2.9',
      '--ip',
      '::1',
      '--dns',
      'engine',
      '--key',
      'ecdsa-p256',
      '--days',
      '10',
      '--ca-days',
      '20',
      '--out',
      out,
    );
    assert.equal(result.code, 0, result.stderr);
  });

  it('create writes the six files of Docker’s guide, keys 0600, in a new folder 0700', async () => {
    assert.equal((await stat(out)).mode & 0o777, 0o700);
    assert.deepEqual((await readdir(out)).sort(), ['ca-key.pem', 'ca.pem', 'cert.pem', 'key.pem', 'server-cert.pem', 'server-key.pem']);
    for (const file of await readdir(out)) {
      assert.equal((await stat(path.join(out, file))).mode & 0o777, file.endsWith('key.pem') ? 0o600 : 0o644, file);
    }
  });

  it('create makes a server certificate for the host and every --ip and --dns, and a client certificate, from one CA', async () => {
    const server = describeCertificate(await read('server-cert.pem'));
    assert.deepEqual(
      [server.dnsNames, server.ipAddresses],
      [
        ['engine.example', 'engine'],
        ['127.192.2.9', '::1'],
      ],
    );
    assert.deepEqual(server.key, { type: 'ec', curve: 'P-256' });
    assert.equal(Math.round((Date.parse(server.notAfter) - Date.now()) / 86_400_000), 10);
    assert.equal(Math.round((Date.parse(describeCertificate(await read('ca.pem')).notAfter) - Date.now()) / 86_400_000), 20);
    const dir = await tempDir();
    assert.match(await opensslVerify(dir, await read('ca.pem'), await read('server-cert.pem'), 'sslserver'), /OK/);
    assert.match(await opensslVerify(dir, await read('ca.pem'), await read('cert.pem'), 'sslclient'), /OK/);
  });

  it('create prints the dockerd and docker command lines, and its progress on stderr', async () => {
    const dir = path.join(await tempDir(), 'p');
    const result = await cli('certs', 'create', '--host', '::1', '--key', 'ecdsa-p384', '--out', dir);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.stdout.includes(`dockerd --tlsverify --tlscacert=${dir}/ca.pem --tlscert=${dir}/server-cert.pem --tlskey=${dir}/server-key.pem`));
    assert.ok(
      result.stdout.includes(`docker --tlsverify --tlscacert=${dir}/ca.pem --tlscert=${dir}/cert.pem --tlskey=${dir}/key.pem -H=tcp://[::1]:2376 version`),
    );
    assert.match(result.stderr, /^Generating 3 ECDSA P-384 keys…$/m);
  });

  it('create refuses to overwrite (exit 1) unless --force', async () => {
    const before = await read('ca.pem');
    const refused = await cli('certs', 'create', '--host', 'engine.example', '--key', 'ecdsa-p256', '--out', out);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /refusing to overwrite existing files: .*ca\.pem.*\(--force replaces them\)/);
    assert.doesNotMatch(refused.stderr, /Generating/, 'refused before making keys');
    assert.equal(await read('ca.pem'), before);
    const forced = await cli('certs', 'create', '--host', 'engine.example', '--key', 'ecdsa-p256', '--out', out, '--force');
    assert.equal(forced.code, 0, forced.stderr);
    assert.notEqual(await read('ca.pem'), before);
    assert.equal((await stat(path.join(out, 'key.pem'))).mode & 0o777, 0o600);
  });

  it('create accepts a wildcard --dns name, which openssl matches against one label only', async () => {
    const dir = path.join(await tempDir(), 'w');
    const result = await cli('certs', 'create', '--host', '127.0.0.1', '--dns', '*.example.com', '--key', 'ecdsa-p256', '--out', dir);
    assert.equal(result.code, 0, result.stderr);
    const [ca, server] = await Promise.all(['ca.pem', 'server-cert.pem'].map((file) => readFile(path.join(dir, file), 'utf8')));
    assert.deepEqual(describeCertificate(server).dnsNames, ['*.example.com']);
    const verify = (host: string) =>
      opensslVerify(dir, ca, server, 'sslserver', ['-verify_hostname', host]).then(
        () => true,
        () => false,
      );
    assert.deepEqual([await verify('a.example.com'), await verify('a.b.example.com'), await verify('example.com')], [true, false, false]);
  });

  it('create encrypts ca-key.pem (PKCS#8, AES-256) with --ca-passphrase-file, which openssl reads with the passphrase only', async () => {
    const dir = await tempDir();
    const passphraseFile = path.join(dir, 'passphrase');
    await writeFile(passphraseFile, 'correct horse\nsecond line ignored\n');
    const result = await cli(
      'certs',
      'create',
      '--host',
      'engine.example',
      '--key',
      'ecdsa-p256',
      '--ca-passphrase-file',
      passphraseFile,
      '--out',
      path.join(dir, 'pki'),
    );
    assert.equal(result.code, 0, result.stderr);
    const caKey = path.join(dir, 'pki', 'ca-key.pem');
    assert.match(await readFile(caKey, 'utf8'), /^-----BEGIN ENCRYPTED PRIVATE KEY-----$/m);
    assert.match(await openssl(['pkcs8', '-in', caKey, '-passin', 'pass:correct horse', '-topk8', '-nocrypt']), /^-----BEGIN PRIVATE KEY-----$/m);
    const asn1 = await openssl(['asn1parse', '-in', caKey]);
    assert.match(asn1, /aes-256-cbc/);
    assert.match(asn1, /PBKDF2/);
    assert.notEqual((await runProcess('openssl', ['pkey', '-in', caKey, '-passin', 'pass:wrong', '-noout'])).code, 0);
  });

  it('check gives the import verdict on three files, in words or as JSON, exit 0 or 1', async () => {
    const files = ['--ca', path.join(out, 'ca.pem'), '--cert', path.join(out, 'cert.pem')];
    const valid = await cli('certs', 'check', ...files, '--key', path.join(out, 'key.pem'));
    assert.deepEqual([valid.code, valid.stdout], [0, 'These files can be imported.\n']);
    const wrongKey = await cli('certs', 'check', ...files, '--key', path.join(out, 'server-key.pem'), '--json');
    assert.equal(wrongKey.code, 1);
    assert.deepEqual(JSON.parse(wrongKey.stdout), {
      valid: false,
      problems: [
        { code: 'keyMismatch', file: 'key', message: 'key.pem is not the private key of cert.pem: pick the key made together with this certificate.' },
      ],
      warnings: [],
    });
    const missing = await cli('certs', 'check', ...files, '--key', path.join(out, 'nope.pem'));
    assert.equal(missing.code, 1);
    assert.match(missing.stdout, /^These files cannot be imported:\n {2}The client key .*nope\.pem does not exist\.$/m);
  });

  it('exits 2 on usage errors', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'short'), 'abc\n');
    for (const args of [
      [],
      ['frobnicate'],
      ['create', '--out', dir],
      ['create', '--host', 'h.example'],
      ['create', '--host', 'h.example', '--out', dir, '--key', 'dsa'],
      ['create', '--host', 'h.example', '--out', dir, '--days', 'ten'],
      ['create', '--host', 'h.example', '--out', dir, '--days', '400'],
      ['create', '--host', 'not a host', '--out', dir],
      ['create', '--host', 'h.example', '--out', dir, 'extra'],
      ['create', '--host', 'h.example', '--out', dir, '--bogus'],
      ['inspect'],
      ['create', '--host', '*.example.com', '--out', dir],
      ['create', '--host', 'h.example', '--dns', '*.*.example.com', '--out', dir],
      ['create', '--host', 'h.example', '--out', dir, '--ca-passphrase'],
      ['create', '--host', 'h.example', '--out', dir, '--ca-passphrase-file', path.join(dir, 'short')],
      ['check', '--ca', 'a', '--cert', 'b'],
    ]) {
      const result = await cli('certs', ...args);
      assert.equal(result.code, 2, `certs ${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, /^Usage: docker-context-guard certs /m);
    }
    assert.deepEqual(await readdir(dir), ['short'], 'nothing written');
  });

  it('inspect prints every certificate of the files as JSON', async () => {
    const bundle = path.join(await tempDir(), 'bundle.pem');
    await writeFile(bundle, `${await read('cert.pem')}${await read('ca.pem')}`);
    const result = await cli('certs', 'inspect', path.join(out, 'server-cert.pem'), bundle);
    assert.equal(result.code, 0, result.stderr);
    const listed = JSON.parse(result.stdout) as { file: string; subject: string; extKeyUsage: string[] | null; isCA: boolean }[];
    assert.deepEqual(
      listed.map((entry) => [entry.file, entry.subject]),
      [
        [path.join(out, 'server-cert.pem'), 'CN=engine.example, O=Docker Context Guard'],
        [bundle, 'CN=client, O=Docker Context Guard'],
        [bundle, 'CN=Docker CA for engine.example, O=Docker Context Guard'],
      ],
    );
    assert.deepEqual(
      listed.map((entry) => [entry.extKeyUsage, entry.isCA]),
      [
        [['serverAuth'], false],
        [['clientAuth'], false],
        [null, true],
      ],
    );
    assert.deepEqual(Object.keys(listed[0]), [
      'file',
      'subject',
      'issuer',
      'dnsNames',
      'ipAddresses',
      'serialNumber',
      'notBefore',
      'notAfter',
      'fingerprintSha256',
      'key',
      'isCA',
      'selfSigned',
      'extKeyUsage',
    ]);
  });

  it('inspect exits 1 for a missing file or one without a certificate', async () => {
    const missing = await cli('certs', 'inspect', path.join(out, 'nope.pem'));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /ENOENT/);
    const keyOnly = await cli('certs', 'inspect', path.join(out, 'key.pem'));
    assert.equal(keyOnly.code, 1);
    assert.match(keyOnly.stderr, /holds no PEM certificate/);
  });

  it('is listed in --help', async () => {
    assert.match(
      (await cli('--help')).stdout,
      /^ {2}certs\s+Create TLS certificates for dockerd --tlsverify, issue access certificates, inspect certificates, or check client files$/m,
    );
  });
});
