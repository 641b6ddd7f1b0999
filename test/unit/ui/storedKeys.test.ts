/**
 * Stored TLS keys go only to the engine they were made for. Against two loopback HTTPS servers
 * that ask for and record client certificates — "production" (its certificate signed by the
 * stored CA) and an impostor (self-signed) — through the real connection factory: the keys reach
 * production; the impostor, reached by a context of the same name, with or without SkipTLSVerify,
 * or by keys that record no engine, gets not even a TCP connection, and the refusal is typed.
 * Rebinding, the globalState index and the orphan list are checked beside.
 */
import * as assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';

import type { DockerContext } from '../../../src/core/contexts/dockerContext';
import { EngineConnections } from '../../../src/core/engine/engineConnections';
import { EngineError } from '../../../src/core/engine/engineErrors';
import { orphanedKeys } from '../../../src/core/engine/orphanedKeys';
import type { BoundTlsMaterial } from '../../../src/core/engine/storedKeyBinding';
import { rebindQuestion, StoredKeysBoundElsewhere } from '../../../src/core/engine/storedKeyBinding';
import type { SecretTlsStore } from '../../../src/ui/state/secretTlsStore';
import { type CertRecordingServer, certRecordingServer, impostorPem } from '../../support/certRecordingServer';
import { listedContext } from '../../support/listedContext';
import { MemorySecrets, memorySecretTlsStore } from '../../support/memorySecretStorage';
import { useTempDirs } from '../../support/tempDir';
import { generateTlsMaterial } from '../../support/tlsCerts';

describe('Stored TLS keys: bound to their engine', () => {
  const tempDir = useTempDirs('stored-keys');
  let production: CertRecordingServer;
  let impostor: CertRecordingServer;
  let keys: BoundTlsMaterial;
  let secrets: MemorySecrets;
  let store: SecretTlsStore;
  let connections: EngineConnections;

  const prod = (fields: Partial<DockerContext> = {}) =>
    listedContext({ name: 'prod', host: production.host, transport: 'tls', tier: 'production', keysInSecretStorage: true, ...fields });
  const ping = async (context: DockerContext) => (await connections.clientFor(context)).api.ping();

  before(async () => {
    const dir = await tempDir();
    const [serverDir, clientDir] = [path.join(dir, 'server'), path.join(dir, 'client')];
    await Promise.all([mkdir(serverDir), mkdir(clientDir)]);
    await generateTlsMaterial(dir, serverDir, clientDir);
    const read = (file: string) => readFile(file, 'utf8');
    production = await certRecordingServer({
      cert: await read(path.join(serverDir, 'server-cert.pem')),
      key: await read(path.join(serverDir, 'server-key.pem')),
    });
    impostor = await certRecordingServer(await impostorPem(dir));
    keys = {
      caPem: await read(path.join(clientDir, 'ca.pem')),
      certPem: await read(path.join(clientDir, 'cert.pem')),
      keyPem: await read(path.join(clientDir, 'key.pem')),
    };
  });

  after(() => Promise.all([production.close(), impostor.close()]));

  beforeEach(async () => {
    secrets = new MemorySecrets();
    store = memorySecretTlsStore(secrets);
    connections = new EngineConnections({ tls: store, ssh: () => assert.fail('no SSH here'), timeouts: () => ({ connectMs: 3000, requestMs: 3000 }) });
    await store.save(prod(), keys);
  });

  afterEach(() => connections.dispose());

  it('reach the engine they were saved for (the recorder sees them: the impostor checks below can fail)', async () => {
    await ping(prod());
    assert.ok(production.presented.includes('dcg-test-client'), JSON.stringify(production.presented));
    assert.equal((await store.load('prod'))?.endpoint, production.host);
  });

  for (const skipTLSVerify of [false, true]) {
    it(`never reach another engine under the same name (SkipTLSVerify ${skipTLSVerify})`, async () => {
      const before = impostor.connections;
      const moved = prod({ host: impostor.host, skipTLSVerify });
      await assert.rejects(ping(moved), (error: unknown) => {
        assert.ok(EngineError.is(error, skipTLSVerify ? 'keysUnverified' : 'keysBoundElsewhere'), String(error));
        if (error instanceof StoredKeysBoundElsewhere) assert.deepEqual([error.boundTo, error.now], [production.host, impostor.host]);
        return true;
      });
      assert.equal(impostor.connections, before, 'not even a TCP connection');
      assert.deepEqual(impostor.presented, []);
    });
  }

  it('are never sent with SkipTLSVerify, even to the engine they were made for', async () => {
    const before = production.connections;
    await assert.rejects(ping(prod({ skipTLSVerify: true })), (error: unknown) => EngineError.is(error, 'keysUnverified'));
    assert.equal(production.connections, before);
  });

  it('that record no engine (stored by an earlier version) are not sent until rebound', async () => {
    await secrets.store('dockerContextGuard.tls/prod', JSON.stringify(keys));
    const before = production.connections;
    await assert.rejects(ping(prod()), (error: unknown) => error instanceof StoredKeysBoundElsewhere && error.boundTo === undefined);
    assert.equal(production.connections, before);
    await store.rebind(prod());
    await ping(prod());
  });

  it('compare addresses as engineAddress spells them, and rebinding moves them (the question names both)', async () => {
    const port = new URL(production.host.replace('tcp:', 'http:')).port;
    await ping(prod({ host: `TCP://127.0.0.1:${port}/` }));
    const elsewhere = prod({ host: impostor.host });
    const refusal = await store.loadFor(elsewhere).then(
      () => assert.fail('loaded'),
      (error: unknown) => error as StoredKeysBoundElsewhere,
    );
    assert.equal(
      rebindQuestion(refusal),
      `The TLS keys stored for "prod" were made for ${production.host}; this context now points at ${impostor.host}. Use them for ${impostor.host}?`,
    );
    await store.rebind(elsewhere);
    assert.equal((await store.load('prod'))?.endpoint, impostor.host);
    await assert.rejects(store.loadFor(prod()), StoredKeysBoundElsewhere);
  });

  it('are indexed by name, so the keys of removed or moved contexts are found', async () => {
    await store.save(listedContext({ name: 'gone', host: 'tcp://127.0.0.1:1', transport: 'tls', tier: 'staging', keysInSecretStorage: true }), keys);
    await store.save(listedContext({ name: 'unbound', host: 'tcp://127.0.0.1:2', transport: 'tls', tier: 'staging', keysInSecretStorage: true }), keys);
    await secrets.store('dockerContextGuard.tls/unbound', JSON.stringify(keys));
    assert.deepEqual(store.names(), ['gone', 'prod', 'unbound']);
    const contexts = [prod({ host: impostor.host }), listedContext({ name: 'unbound', host: 'tcp://127.0.0.1:3', transport: 'tls', tier: 'staging' })];
    const orphans = orphanedKeys(await store.entries(), contexts);
    assert.deepEqual(
      orphans.map((orphan) => orphan.name),
      ['gone', 'prod'],
      'keys that record no engine are asked about on use, not orphaned while their context exists',
    );
    assert.match(orphans[1].why, new RegExp(`made for ${production.host}; "prod" now points at ${impostor.host}`));
    await store.delete('gone');
    await secrets.delete('dockerContextGuard.tls/unbound');
    assert.deepEqual(
      (await store.entries()).map((entry) => entry.name),
      ['prod'],
      'a secret gone behind the index leaves it',
    );
    assert.deepEqual(store.names(), ['prod']);
  });
});
