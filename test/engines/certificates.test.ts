/**
 * Generated certificates against real engines: two more `dockerd --tlsverify`, one serving an
 * ECDSA P-256 set the CLI wrote (`certs create`), one an RSA 2048 set from the core laid out by
 * writeServerBundle. Go's crypto/tls (dockerd, the docker CLI) and Node's (the extension's
 * connection code) must both accept them, and the engine must refuse a client from another CA.
 */
import * as assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { writeOutputFiles } from '../../src/core/certificates/certificateFiles';
import { type CertificateSet, generateCertificateSet, issueClientCertificate, type PemPair } from '../../src/core/certificates/certificateSet';
import { readClientMaterialFromDir } from '../../src/core/certificates/readClientMaterial';
import { writeServerBundle } from '../../src/core/certificates/serverBundle';
import { validateClientMaterial } from '../../src/core/certificates/validateClientMaterial';
import type { DockerContext } from '../../src/core/contexts/dockerContext';
import { EngineConnections } from '../../src/core/engine/engineConnections';
import { probeEngine } from '../../src/core/engine/engineHealth';
import { removeHarnessRoot } from '../support/cleanup';
import { type ClientFiles, pemsOf } from '../support/clientFiles';
import { DaemonGroup } from '../support/daemons';
import { serverVersionOverTls } from '../support/dockerCli';
import { startTlsDockerd } from '../support/dockerEngines';
import { cliPath } from '../support/repoPaths';
import { runProcess } from '../support/runProcess';

const connectMs = 3000;

const tlsContext = (name: string, host: string): DockerContext => ({
  name,
  description: '',
  host,
  transport: 'tls',
  skipTLSVerify: false,
  tls: { ca: true, cert: true, key: true },
  storedTier: null,
  keysInSecretStorage: true,
  isDefault: false,
  error: null,
});

const buffers = (ca: string, client: PemPair): ClientFiles => ({ ca: Buffer.from(ca), cert: Buffer.from(client.certPem), key: Buffer.from(client.keyPem) });

/** A folder with ca.pem, cert.pem and key.pem, for the docker CLI's --tls* flags. */
async function writeClientDir(dir: string, caPem: string, client: PemPair): Promise<string> {
  await writeOutputFiles(dir, [
    { name: 'ca.pem', content: caPem, secret: false },
    { name: 'cert.pem', content: client.certPem, secret: false },
    { name: 'key.pem', content: client.keyPem, secret: true },
  ]);
  return dir;
}

describe('generated certificates with real dockerd --tlsverify', () => {
  const daemons = new DaemonGroup();
  /** Short (dockerd's unix sockets live under it), and removed with everything started in it. */
  let root: string;
  let ecDir: string;
  let rsaClientDir: string;
  let foreignClientDir: string;
  let rsaSet: CertificateSet;
  let ecHost: string;
  let rsaHost: string;
  const materials = new Map<string, ClientFiles>();
  const connections = new EngineConnections({
    tls: { read: async (context) => pemsOf(materials.get(context.name)) },
    ssh: () => assert.fail('no SSH here'),
    timeouts: () => ({ connectMs, requestMs: 10_000 }),
  });
  const probe = (name: string, host: string) => probeEngine(connections, tlsContext(name, host), connectMs + 2000);
  const docker = serverVersionOverTls;

  before(async function () {
    this.timeout(90_000);
    root = await mkdtemp(path.join(tmpdir(), 'dcg-ct-'));
    ecDir = path.join(root, 'ec-pki');
    const created = await runProcess(process.execPath, [cliPath, 'certs', 'create', '--host', '127.0.0.1', '--key', 'ecdsa-p256', '--out', ecDir]);
    assert.equal(created.code, 0, created.stderr);
    rsaSet = await generateCertificateSet({ host: '127.0.0.1', keyType: 'rsa2048' });
    const rsaServerDir = path.join(root, 'rsa-server');
    await writeServerBundle(rsaServerDir, rsaSet, { host: '127.0.0.1', contexts: [] });
    const ec = (file: string) => readFile(path.join(ecDir, file), 'utf8');
    const ecCa = await ec('ca.pem');
    rsaClientDir = await writeClientDir(path.join(root, 'rsa-client'), rsaSet.ca.certPem, rsaSet.client);
    foreignClientDir = await writeClientDir(path.join(root, 'foreign-client'), ecCa, rsaSet.client);

    const ecClient = buffers(ecCa, { certPem: await ec('cert.pem'), keyPem: await ec('key.pem') });
    const rsaClient = buffers(rsaSet.ca.certPem, rsaSet.client);
    materials.set('ec', ecClient);
    materials.set('rsa', rsaClient);
    // The engine's CA, but a client certificate another CA signed.
    materials.set('foreign-client', buffers(ecCa, rsaSet.client));
    materials.set('rotated', buffers(ecCa, await issueClientCertificate({ certPem: ecCa, keyPem: await ec('ca-key.pem') })));

    const server = (dir: string) => ({ ca: path.join(dir, 'ca.pem'), cert: path.join(dir, 'server-cert.pem'), key: path.join(dir, 'server-key.pem') });
    const [ecEngine, rsaEngine] = await Promise.all([
      startTlsDockerd(daemons, 'dockerd (ECDSA, certs create)', path.join(root, 'ec'), path.join(root, 'x1'), server(ecDir), ecClient),
      startTlsDockerd(daemons, 'dockerd (RSA, server bundle)', path.join(root, 'rsa'), path.join(root, 'x2'), server(rsaServerDir), rsaClient),
    ]);
    ecHost = ecEngine.host;
    rsaHost = rsaEngine.host;
  });

  after(async function () {
    this.timeout(60_000);
    connections.dispose();
    await daemons.stopAll();
    if (root) await removeHarnessRoot(root);
  });

  it('the extension reaches the engine with the certificates `certs create` wrote (ECDSA P-256)', async () => {
    const health = await probe('ec', ecHost);
    assert.equal(health.error, null);
    assert.equal(health.reachable, true);
    assert.match(health.serverVersion ?? '', /^\d+\.\d+/);
  });

  it('the extension reaches the engine set up from a server bundle (RSA 2048)', async () => {
    const health = await probe('rsa', rsaHost);
    assert.equal(health.error, null);
    assert.equal(health.reachable, true);
  });

  it('the real docker CLI connects with the generated client files', async () => {
    for (const [dir, host] of [
      [ecDir, ecHost],
      [rsaClientDir, rsaHost],
    ]) {
      const result = await docker(dir, host);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^\d+\.\d+/);
    }
  });

  it('the engine refuses a client certificate from another CA', async () => {
    const health = await probe('foreign-client', ecHost);
    assert.deepEqual([health.reachable, health.errorReason], [false, 'tlsClientRejected']);
    const dockerResult = await docker(foreignClientDir, ecHost);
    assert.notEqual(dockerResult.code, 0);
    assert.match(dockerResult.stderr, /remote error: tls: (bad certificate|unknown certificate authority|certificate required)/);
  });

  it('accepts a client certificate re-issued from the stored CA key (rotation)', async () => {
    const health = await probe('rotated', ecHost);
    assert.equal(health.error, null);
    assert.equal(health.reachable, true);
  });

  it('the files `certs create` wrote pass the import validation as a docker-machine folder', async () => {
    const read = await readClientMaterialFromDir(ecDir);
    assert.ok(read.ok);
    const result = validateClientMaterial(read.material);
    assert.deepEqual([result.valid, result.warnings], [true, []]);
  });
});
