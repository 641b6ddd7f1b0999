/** The server bundle: its files and their modes, its README, and never a client or CA key. */
import * as assert from 'node:assert/strict';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

import { ExistingFilesError } from '../../../src/core/certificates/certificateFiles';
import { type CertificateSet, generateCertificateSet } from '../../../src/core/certificates/certificateSet';
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
    set = await generateCertificateSet({ host: 'engine.example', ipAddresses: ['127.192.2.4'], keyType: 'ecdsa-p256' });
    dir = path.join(await tempDir(), 'new', 'bundle');
    await writeServerBundle(dir, set, {
      host: 'engine.example',
      port: 2376,
      contexts: [
        { name: 'engine', keys: 'secretStorage' },
        { name: 'engine-cli', keys: 'dockerCli' },
      ],
    });
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

  it('gives the systemd override that clears ExecStart', () => {
    assert.match(readme, /\/etc\/systemd\/system\/docker\.service\.d\/override\.conf/);
    assert.match(readme, /```ini\n\[Service\]\nExecStart=\nExecStart=\/usr\/bin\/dockerd\n```/);
    assert.match(readme, /printf '\[Service\]\\nExecStart=\\nExecStart=\/usr\/bin\/dockerd\\n' \| sudo tee /);
    assert.match(readme, /-H fd:\/\//);
    assert.ok(readme.includes(`valid until ${describeCertificate(set.server.certPem).notAfter}`));
    assert.ok(readme.includes('engine.example, 127.192.2.4'));
  });

  it('connects the contexts that exist already, with their keys where they are: no docker context create, no key file that was never written', () => {
    const connect = readme.slice(readme.indexOf('## 4.'));
    assert.doesNotMatch(readme, /docker context create|key=|\.docker\/certs/);
    assert.match(connect, /`engine` \(tcp:\/\/engine\.example:2376\) already exists; its client key is in VS Code's SecretStorage/);
    assert.match(connect, /"Export Keys to Docker CLI" on it first[^]*docker --context engine version/);
    assert.match(
      connect,
      /`engine-cli` \(tcp:\/\/engine\.example:2376\) already exists, its client files in the Docker CLI's store:\n\n```sh\ndocker --context engine-cli version\n```/,
    );
    assert.doesNotMatch(readme, /replaces the engine's earlier one/);
  });

  it('says, for a rotated CA, that the engine accepts the old certificates until it restarts with the bundle', async () => {
    const rotated = await tempDir();
    await writeServerBundle(rotated, set, { host: 'engine.example', contexts: [{ name: 'engine', keys: 'secretStorage' }], replacesCa: true, overwrite: true });
    const text = await readFile(path.join(rotated, 'README.md'), 'utf8');
    assert.match(text, /no revocation list: until it restarts\nwith these files it accepts every client certificate of the old CA/);
  });

  it('refuses to overwrite existing files unless told, and then replaces them with their proper modes', async () => {
    const again = await tempDir();
    await writeFile(path.join(again, 'server-key.pem'), 'old', { mode: 0o644 });
    await assert.rejects(writeServerBundle(again, set, { host: 'engine.example', contexts: [] }), (error: unknown) => {
      assert.ok(error instanceof ExistingFilesError);
      assert.deepEqual(error.files, [path.join(again, 'server-key.pem')]);
      return true;
    });
    assert.deepEqual(await readdir(again), ['server-key.pem'], 'nothing written');
    await writeServerBundle(again, set, { host: 'engine.example', contexts: [], overwrite: true });
    assert.equal(await readFile(path.join(again, 'server-key.pem'), 'utf8'), set.server.keyPem);
    assert.equal(await mode(path.join(again, 'server-key.pem')), 0o600);
  });

  it('defaults the port to 2376 and writes IPv6 hosts in brackets', async () => {
    const v6 = await tempDir();
    await writeServerBundle(v6, set, { host: '2001:db8::7', contexts: [{ name: 'v6', keys: 'dockerCli' }], overwrite: true });
    const text = await readFile(path.join(v6, 'README.md'), 'utf8');
    assert.ok(text.includes('`v6` (tcp://[2001:db8::7]:2376)'));
  });
});
