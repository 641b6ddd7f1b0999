/**
 * Connections to real engines through EngineConnections: TLS with full verification (right CA,
 * wrong CA, a client certificate from another CA, a server name the certificate does not list),
 * plain TCP, a web server that is no engine, a port with nothing listening and an engine that
 * never answers.
 */
import * as assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';

import { listContexts, type ListedContext } from '../../src/core/contexts/contextList';
import { ContextStore } from '../../src/core/contexts/contextStore';
import { DockerConfigFile } from '../../src/core/contexts/dockerConfigFile';
import { securityFindings } from '../../src/core/contexts/securityFindings';
import { defaultTierRules } from '../../src/core/contexts/tiers';
import { EngineConnections } from '../../src/core/engine/engineConnections';
import { probeEngine, probeEngines } from '../../src/core/engine/engineHealth';
import { dockerCli } from '../support/dockerCli';
import { loadHarnessInfo } from '../support/harnessInfo';
import { freePort } from '../support/ports';
import { forwardingServer, notAnEngineServer, silentServer, type TestServer } from '../support/silentServer';
import { useTempDirs } from '../support/tempDir';
import { generateTlsMaterial } from '../support/tlsCerts';

const connectMs = 1500;

describe('engine connections (real engines)', () => {
  const info = loadHarnessInfo();
  const tempDir = useTempDirs('connections');
  const servers: TestServer[] = [];
  let configDir: string;
  let connections: EngineConnections;
  let contexts: Map<string, ListedContext>;

  before(async () => {
    configDir = await tempDir();
    const other = await tempDir();
    await Promise.all(['server', 'client'].map((dir) => mkdir(path.join(other, dir))));
    await generateTlsMaterial(other, path.join(other, 'server'), path.join(other, 'client'));
    const good = (file: string) => path.join(info.tls.clientDir, file);
    const foreign = (file: string) => path.join(other, 'client', file);
    const tls = (ca: string, cert: string, key: string) => `ca=${ca},cert=${cert},key=${key}`;
    const tlsPort = new URL(info.tls.host).port;
    const renamed = await forwardingServer('127.0.0.2', Number(tlsPort));
    const silent = await silentServer();
    const website = await notAnEngineServer();
    servers.push(renamed, silent, website);
    const docker = dockerCli(configDir);
    const create = (name: string, host: string) => docker.ok('context', 'create', name, '--docker', host);
    await Promise.all([
      create('tls-good', `host=${info.tls.host},${tls(good('ca.pem'), good('cert.pem'), good('key.pem'))}`),
      create('tls-wrong-ca', `host=${info.tls.host},${tls(foreign('ca.pem'), good('cert.pem'), good('key.pem'))}`),
      create('tls-foreign-client', `host=${info.tls.host},${tls(good('ca.pem'), foreign('cert.pem'), foreign('key.pem'))}`),
      create('tls-other-name', `host=tcp://127.0.0.2:${renamed.port},${tls(good('ca.pem'), good('cert.pem'), good('key.pem'))}`),
      create('plain-to-tls', `host=${info.tls.host}`),
      create('local', `host=${info.local.host}`),
      create('not-an-engine', `host=tcp://127.0.0.1:${website.port}`),
      create('tls-to-plain', `host=tcp://127.0.0.1:${website.port},${tls(good('ca.pem'), good('cert.pem'), good('key.pem'))}`),
      create('nothing-listens', `host=tcp://127.0.0.1:${await freePort()}`),
      create('black-hole', `host=tcp://127.0.0.1:${silent.port}`),
      create('black-hole-tls', `host=tcp://127.0.0.1:${silent.port},${tls(good('ca.pem'), good('cert.pem'), good('key.pem'))}`),
    ]);
    const store = new ContextStore(configDir, {});
    const list = await listContexts(store, new DockerConfigFile(configDir), {}, defaultTierRules);
    contexts = new Map(list.contexts.map((context) => [context.name, context]));
    connections = new EngineConnections({
      tls: store.tlsFiles,
      ssh: () => assert.fail('no SSH context in this suite'),
      timeouts: () => ({ connectMs, requestMs: 10_000 }),
    });
  });

  after(async () => {
    connections.dispose();
    await Promise.all(servers.map((server) => server.close()));
  });

  const probe = (name: string) => probeEngine(connections, contexts.get(name)!, connectMs + 1000);

  it('reaches the TLS engine with the right CA and client certificate', async () => {
    const health = await probe('tls-good');
    assert.equal(health.error, null);
    assert.equal(health.reachable, true);
    assert.match(health.serverVersion ?? '', /^\d+\.\d+/);
    assert.match(health.apiVersion ?? '', /^1\.\d+$/);
    assert.equal(health.os, 'linux');
  });

  it('refuses an engine whose certificate another CA signed (wrong ca.pem)', async () => {
    const health = await probe('tls-wrong-ca');
    assert.deepEqual([health.reachable, health.errorReason], [false, 'tlsUntrusted']);
    assert.match(health.error ?? '', /did not sign/);
  });

  it('is refused by the engine with a client certificate from another CA', async () => {
    const health = await probe('tls-foreign-client');
    assert.deepEqual([health.reachable, health.errorReason], [false, 'tlsClientRejected']);
    assert.match(health.error ?? '', /rejected the client certificate/);
  });

  it('refuses a server whose certificate does not name the host connected to', async () => {
    const health = await probe('tls-other-name');
    assert.deepEqual([health.reachable, health.errorReason], [false, 'tlsNameMismatch']);
    assert.match(health.error ?? '', /127\.0\.0\.2/);
  });

  it('says that plain HTTP reached a TLS engine, and flags plain TCP contexts', async () => {
    const health = await probe('plain-to-tls');
    assert.deepEqual([health.reachable, health.errorReason], [false, 'plainHttpToTls']);
    const findings = securityFindings(contexts.get('plain-to-tls')!);
    assert.equal(findings[0]?.severity, 'danger');
    assert.match(findings[0]?.message ?? '', /unencrypted and unauthenticated/);
  });

  it('reaches the local engine over its unix socket', async () => {
    assert.equal((await probe('local')).reachable, true);
  });

  it('lets the requests in flight end when its clients are dropped (a store or settings change), local and TLS', async () => {
    for (const name of ['local', 'tls-good']) {
      const { api } = await connections.clientFor(contexts.get(name)!);
      // A request that takes a second: the engine's events until a moment from now.
      const until = Math.ceil(Date.now() / 1000) + 1;
      const events = api.getEvents({ since: until - 1, until }).then(
        (stream) =>
          new Promise<void>((resolve, reject) => {
            let ended = false;
            stream.on('end', () => {
              ended = true;
              resolve();
            });
            stream.on('error', reject);
            stream.on('close', () => ended || reject(new Error('the stream closed before its end')));
            stream.resume();
          }),
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      connections.invalidate();
      await assert.doesNotReject(events, `${name}: the request in flight was cut`);
      assert.notEqual((await connections.clientFor(contexts.get(name)!)).api, api, `${name}: a new client after the change`);
    }
  });

  it('reports a port with nothing listening as refused, at once', async () => {
    const started = Date.now();
    const health = await probe('nothing-listens');
    assert.deepEqual([health.reachable, health.errorReason], [false, 'refused']);
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
  });

  it('says when what answers is no Docker engine', async () => {
    const health = await probe('not-an-engine');
    assert.deepEqual([health.reachable, health.errorReason], [false, 'apiError']);
    assert.match(health.error ?? '', /answered HTTP 404 \("<html><body>Not Found<\/body><\/html>"\), which is no Docker engine's answer/);
  });

  it('says when a TLS context reaches something that does not speak TLS', async () => {
    const health = await probe('tls-to-plain');
    assert.deepEqual([health.reachable, health.errorReason], [false, 'tlsToPlainServer']);
    assert.match(health.error ?? '', /does not speak TLS/);
  });

  for (const name of ['black-hole', 'black-hole-tls']) {
    it(`times out on an engine that never answers (${name}) within the connect timeout`, async () => {
      const started = Date.now();
      const health = await probe(name);
      const elapsed = Date.now() - started;
      assert.deepEqual([health.reachable, health.errorReason], [false, 'timeout']);
      assert.ok(elapsed >= connectMs - 100 && elapsed < connectMs + 1500, `took ${elapsed} ms`);
    });
  }

  it('probes many contexts concurrently: ten black holes cost about one timeout', async () => {
    const silent = contexts.get('black-hole')!;
    const many = [...Array.from({ length: 10 }, (_, i) => ({ ...silent, name: `hole-${i}` })), contexts.get('tls-good')!, contexts.get('local')!];
    const started = Date.now();
    const results = await probeEngines(connections, many, { timeoutMs: connectMs + 1000 });
    const elapsed = Date.now() - started;
    assert.deepEqual(
      results.map((result) => result.reachable),
      [...Array(10).fill(false), true, true],
    );
    assert.ok(elapsed < 2 * connectMs + 1000, `took ${elapsed} ms`);
  });
});
