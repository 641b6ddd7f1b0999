/** `certs create` and `certs inspect` through the built CLI (dist/cli.js): files, modes, JSON and exit codes. */
import * as assert from 'node:assert/strict';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describeCertificate } from '../../../src/core/certificates/describeCertificate';
import { cliPath } from '../../support/repoPaths';
import { runProcess } from '../../support/runProcess';
import { useTempDirs } from '../../support/tempDir';
import { opensslVerify } from './opensslPki';

const cli = (...args: string[]) => runProcess(process.execPath, [cliPath, ...args]);

describe('CLI: certs', () => {
  const tempDir = useTempDirs('certs-cli');
  let out: string;
  const read = (file: string) => readFile(path.join(out, file), 'utf8');

  before(async () => {
    out = path.join(await tempDir(), 'pki');
    const result = await cli('certs', 'create', '--host', 'engine.example', '--ip', '192.0.2.9', '--ip', '::1', '--dns', 'engine', '--key', 'ecdsa-p256',
      '--days', '10', '--ca-days', '20', '--out', out);
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
    assert.deepEqual([server.dnsNames, server.ipAddresses], [['engine.example', 'engine'], ['192.0.2.9', '::1']]);
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
    assert.ok(result.stdout.includes(`docker --tlsverify --tlscacert=${dir}/ca.pem --tlscert=${dir}/cert.pem --tlskey=${dir}/key.pem -H=tcp://[::1]:2376 version`));
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

  it('exits 2 on usage errors', async () => {
    const dir = await tempDir();
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
    ]) {
      const result = await cli('certs', ...args);
      assert.equal(result.code, 2, `certs ${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, /^Usage: docker-context-guard certs /m);
    }
    assert.deepEqual(await readdir(dir), [], 'nothing written');
  });

  it('inspect prints every certificate of the files as JSON', async () => {
    const bundle = path.join(await tempDir(), 'bundle.pem');
    await writeFile(bundle, `${await read('cert.pem')}${await read('ca.pem')}`);
    const result = await cli('certs', 'inspect', path.join(out, 'server-cert.pem'), bundle);
    assert.equal(result.code, 0, result.stderr);
    const listed = JSON.parse(result.stdout) as { file: string; subject: string; extKeyUsage: string[] | null; isCA: boolean }[];
    assert.deepEqual(listed.map((entry) => [entry.file, entry.subject]), [
      [path.join(out, 'server-cert.pem'), 'CN=engine.example, O=Docker Context Guard'],
      [bundle, 'CN=client, O=Docker Context Guard'],
      [bundle, 'CN=Docker CA for engine.example, O=Docker Context Guard'],
    ]);
    assert.deepEqual(listed.map((entry) => [entry.extKeyUsage, entry.isCA]), [[['serverAuth'], false], [['clientAuth'], false], [null, true]]);
    assert.deepEqual(Object.keys(listed[0]), ['file', 'subject', 'issuer', 'dnsNames', 'ipAddresses', 'serialNumber', 'notBefore', 'notAfter',
      'fingerprintSha256', 'key', 'isCA', 'selfSigned', 'extKeyUsage']);
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
    assert.match((await cli('--help')).stdout, /^ {2}certs\s+Create TLS certificates for dockerd --tlsverify, inspect certificates, or check client files$/m);
  });
});
