/** The server bundle: its files and their modes, its README, and never a client or CA key. */
import * as assert from 'node:assert/strict';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { ExistingFilesError } from '../../../src/core/certificates/certificateFiles';
import { generateCertificateSet, type CertificateSet } from '../../../src/core/certificates/certificateSet';
import { describeCertificate } from '../../../src/core/certificates/describeCertificate';
import { writeServerBundle } from '../../../src/core/certificates/serverBundle';
import { useTempDirs } from '../../support/tempDir';

const mode = async (file: string) => (await stat(file)).mode & 0o777;

describe('certificates: writeServerBundle', () => {
  const tempDir = useTempDirs('certs-bundle');
  let set: CertificateSet;
  let dir: string;
  let readme: string;

  before(async () => {
    set = await generateCertificateSet({ host: 'engine.example', ipAddresses: ['192.0.2.4'], keyType: 'ecdsa-p256' });
    dir = path.join(await tempDir(), 'new', 'bundle');
    await writeServerBundle(dir, set, { host: 'engine.example', port: 2376, contextName: 'engine', clientDir: '/home/me/.docker/engine' });
    readme = await readFile(path.join(dir, 'README.md'), 'utf8');
  });

  it('writes the CA and server certificates, the server key 0600, in a new folder 0700', async () => {
    assert.deepEqual((await readdir(dir)).sort(), ['README.md', 'ca.pem', 'server-cert.pem', 'server-key.pem']);
    assert.equal(await mode(dir), 0o700);
    assert.equal(await mode(path.join(dir, 'server-key.pem')), 0o600);
    assert.equal(await mode(path.join(dir, 'ca.pem')), 0o644);
    assert.equal(await readFile(path.join(dir, 'ca.pem'), 'utf8'), set.ca.certPem);
    assert.equal(await readFile(path.join(dir, 'server-cert.pem'), 'utf8'), set.server.certPem);
    assert.equal(await readFile(path.join(dir, 'server-key.pem'), 'utf8'), set.server.keyPem);
  });

  it('holds neither the client key nor the CA key', async () => {
    const everything = (await Promise.all((await readdir(dir)).map((file) => readFile(path.join(dir, file), 'utf8')))).join('\n');
    assert.ok(!everything.includes(set.client.keyPem.split('\n')[1]));
    assert.ok(!everything.includes(set.ca.keyPem.split('\n')[1]));
  });

  it('gives daemon.json with TLS verification and both listen addresses', () => {
    const json = /```json\n([\s\S]+?)\n```/.exec(readme)?.[1];
    assert.deepEqual(JSON.parse(json ?? 'null'), {
      tls: true,
      tlsverify: true,
      tlscacert: '/etc/docker/tls/ca.pem',
      tlscert: '/etc/docker/tls/server-cert.pem',
      tlskey: '/etc/docker/tls/server-key.pem',
      hosts: ['unix:///var/run/docker.sock', 'tcp://0.0.0.0:2376'],
    });
  });

  it('gives the systemd override that clears ExecStart, and the client’s docker context create line', () => {
    assert.match(readme, /\/etc\/systemd\/system\/docker\.service\.d\/override\.conf/);
    assert.match(readme, /```ini\n\[Service\]\nExecStart=\nExecStart=\/usr\/bin\/dockerd\n```/);
    assert.match(readme, /printf '\[Service\]\\nExecStart=\\nExecStart=\/usr\/bin\/dockerd\\n' \| sudo tee /);
    assert.match(readme, /-H fd:\/\//);
    assert.ok(readme.includes(
      'docker context create engine --docker "host=tcp://engine.example:2376,ca=/home/me/.docker/engine/ca.pem,cert=/home/me/.docker/engine/cert.pem,key=/home/me/.docker/engine/key.pem"',
    ));
    assert.ok(readme.includes(`valid until ${describeCertificate(set.server.certPem).notAfter}`));
    assert.ok(readme.includes('engine.example, 192.0.2.4'));
  });

  it('refuses to overwrite existing files unless told, and then replaces them with their proper modes', async () => {
    const again = await tempDir();
    await writeFile(path.join(again, 'server-key.pem'), 'old', { mode: 0o644 });
    await assert.rejects(writeServerBundle(again, set, { host: 'engine.example' }), (error: unknown) => {
      assert.ok(error instanceof ExistingFilesError);
      assert.deepEqual(error.files, [path.join(again, 'server-key.pem')]);
      return true;
    });
    assert.deepEqual(await readdir(again), ['server-key.pem'], 'nothing written');
    await writeServerBundle(again, set, { host: 'engine.example', overwrite: true });
    assert.equal(await readFile(path.join(again, 'server-key.pem'), 'utf8'), set.server.keyPem);
    assert.equal(await mode(path.join(again, 'server-key.pem')), 0o600);
  });

  it('defaults the port to 2376 and writes IPv6 hosts in brackets', async () => {
    const v6 = await tempDir();
    await writeServerBundle(v6, set, { host: '2001:db8::7', overwrite: true });
    const text = await readFile(path.join(v6, 'README.md'), 'utf8');
    assert.match(text, /host=tcp:\/\/\[2001:db8::7\]:2376,/);
  });
});
