/**
 * Rotate CA against a real `dockerd --tlsverify` started with the server bundle the rotation
 * wrote: the new client certificate of every context connects (the docker CLI, Go's TLS), and a
 * client certificate of the old CA, accepted until then, is refused: the rotation revokes.
 */
import * as assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { rotateCa } from '../../src/core/certificates/caRotation';
import { writeOutputFiles } from '../../src/core/certificates/certificateFiles';
import { generateCertificateSet, type PemPair } from '../../src/core/certificates/certificateSet';
import { writeServerBundle } from '../../src/core/certificates/serverBundle';
import { removeHarnessRoot } from '../support/cleanup';
import { DaemonGroup } from '../support/daemons';
import { serverVersionOverTls } from '../support/dockerCli';
import { startTlsDockerd } from '../support/dockerEngines';

describe('Rotate CA with a real dockerd --tlsverify', () => {
  const daemons = new DaemonGroup();
  let root: string;
  let host: string;
  const clientDirs = new Map<string, string>();

  const writeClient = async (name: string, caPem: string, client: PemPair) => {
    const dir = path.join(root, name);
    await writeOutputFiles(dir, [
      { name: 'ca.pem', content: caPem, secret: false },
      { name: 'cert.pem', content: client.certPem, secret: false },
      { name: 'key.pem', content: client.keyPem, secret: true },
    ]);
    clientDirs.set(name, dir);
  };
  const docker = (name: string) => serverVersionOverTls(clientDirs.get(name)!, host);

  before(async function () {
    this.timeout(90_000);
    root = await mkdtemp(path.join(tmpdir(), 'dcg-rc-'));
    const old = await generateCertificateSet({ host: '127.0.0.1', keyType: 'ecdsa-p256' });
    const rotation = await rotateCa(['127.0.0.1', 'localhost'], ['prod', 'prod-ci'], { keyType: 'ecdsa-p256' });
    const bundle = path.join(root, 'bundle');
    await writeServerBundle(bundle, rotation.set, { host: '127.0.0.1', contexts: [{ name: 'prod', keys: 'secretStorage' }], replacesCa: true });
    for (const [name, client] of rotation.clients) await writeClient(name, rotation.set.ca.certPem, client);
    // The old client, trusting the new CA for the server: only its own certificate is old.
    await writeClient('old', rotation.set.ca.certPem, old.client);
    const first = rotation.clients.get('prod')!;
    const server = { ca: path.join(bundle, 'ca.pem'), cert: path.join(bundle, 'server-cert.pem'), key: path.join(bundle, 'server-key.pem') };
    ({ host } = await startTlsDockerd(daemons, 'dockerd (rotated CA bundle)', path.join(root, 'engine'), path.join(root, 'x'), server, {
      ca: Buffer.from(rotation.set.ca.certPem),
      cert: Buffer.from(first.certPem),
      key: Buffer.from(first.keyPem),
    }));
  });

  after(async function () {
    this.timeout(60_000);
    await daemons.stopAll();
    if (root) await removeHarnessRoot(root);
  });

  it('accepts the new client certificate of every context of the CA', async () => {
    for (const name of ['prod', 'prod-ci']) {
      const result = await docker(name);
      assert.equal(result.code, 0, `${name}: ${result.stderr}`);
      assert.match(result.stdout, /^\d+\.\d+/);
    }
  });

  it('refuses a client certificate of the old CA', async () => {
    const result = await docker('old');
    assert.notEqual(result.code, 0);
    // Go's TLS server refuses with an alert, or (TLS 1.3, the alert racing the client's first write) resets the connection.
    assert.match(result.stderr, /remote error: tls: (bad certificate|unknown certificate authority|certificate required)|write: connection reset by peer/);
  });
});
