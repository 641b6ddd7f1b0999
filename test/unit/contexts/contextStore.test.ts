/**
 * The context store against the real Docker CLI: contexts made by `docker context create` list
 * exactly as `docker context ls` lists them, switches are seen both ways, and config.json keeps
 * every field we do not own.
 */
import * as assert from 'node:assert/strict';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

import { listContexts } from '../../../src/core/contexts/contextList';
import { contextDirName } from '../../../src/core/contexts/contextNames';
import { ContextStore } from '../../../src/core/contexts/contextStore';
import { DockerConfigFile } from '../../../src/core/contexts/dockerConfigFile';
import { securityFindings } from '../../../src/core/contexts/securityFindings';
import { switchContext } from '../../../src/core/contexts/switchContext';
import { defaultTierRules } from '../../../src/core/contexts/tiers';
import { dockerCli } from '../../support/dockerCli';
import { writeSelfSignedPem } from '../../support/selfSignedPem';
import { useTempDirs } from '../../support/tempDir';

const noEnv: NodeJS.ProcessEnv = {};

describe('context store (with the real docker CLI)', () => {
  const tempDir = useTempDirs('store');

  async function storeWithContexts() {
    const configDir = await tempDir();
    const pemDir = await tempDir();
    await writeSelfSignedPem(pemDir);
    const docker = dockerCli(configDir);
    const pem = (file: string) => path.join(pemDir, file);
    await docker.ok('context', 'create', 'laptop', '--docker', 'host=unix:///var/run/other.sock');
    await docker.ok('context', 'create', 'build-box', '--description', 'CI builder over SSH', '--docker', 'host=ssh://ops@build-1:2222');
    await docker.ok(
      'context',
      'create',
      'prod-eu',
      '--docker',
      `host=tcp://prod.example:2376,ca=${pem('ca.pem')},cert=${pem('cert.pem')},key=${pem('key.pem')}`,
    );
    await docker.ok('context', 'create', 'staging', '--docker', 'host=tcp://127.10.0.5:2376,skip-tls-verify=true');
    await docker.ok('context', 'create', 'legacy', '--docker', 'host=tcp://127.10.0.9:2375');
    // The Linux CLI refuses to create an npipe context, so write the one a Windows machine would.
    const winBox = path.join(configDir, 'contexts', 'meta', contextDirName('win-box'));
    await mkdir(winBox, { recursive: true });
    await writeFile(
      path.join(winBox, 'meta.json'),
      JSON.stringify({ Name: 'win-box', Metadata: {}, Endpoints: { docker: { Host: 'npipe:////./pipe/docker_engine', SkipTLSVerify: false } } }),
    );
    return { configDir, docker, store: new ContextStore(configDir, noEnv), configFile: new DockerConfigFile(configDir) };
  }

  it('lists every transport as docker context ls does: names, order, description, endpoint, current', async () => {
    const { docker, store, configFile } = await storeWithContexts();
    const ours = await listContexts(store, configFile, noEnv, defaultTierRules);
    const theirs = (await docker.ok('context', 'ls', '--format', 'json'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { Name: string; Current: boolean; Description: string; DockerEndpoint: string; Error: string });
    assert.deepEqual(
      ours.contexts.map((context) => [context.name, context.current, context.description, context.host, context.error ?? '']),
      theirs.map((context) => [context.Name, context.Current, context.Description, context.DockerEndpoint, context.Error]),
    );
    const byName = new Map(ours.contexts.map((context) => [context.name, context]));
    const summary = (name: string) => {
      const context = byName.get(name)!;
      return { transport: context.transport, tier: context.tier, tls: context.tls, skipTLSVerify: context.skipTLSVerify };
    };
    const none = { ca: false, cert: false, key: false };
    assert.deepEqual(summary('laptop'), { transport: 'unix', tier: 'local', tls: none, skipTLSVerify: false });
    assert.deepEqual(summary('build-box'), { transport: 'ssh', tier: 'development', tls: none, skipTLSVerify: false });
    assert.deepEqual(summary('prod-eu'), { transport: 'tls', tier: 'production', tls: { ca: true, cert: true, key: true }, skipTLSVerify: false });
    assert.deepEqual(summary('staging'), { transport: 'tls', tier: 'staging', tls: none, skipTLSVerify: true });
    assert.deepEqual(summary('legacy'), { transport: 'tcp', tier: 'development', tls: none, skipTLSVerify: false });
    assert.deepEqual(summary('win-box'), { transport: 'npipe', tier: 'local', tls: none, skipTLSVerify: false });
  });

  it('switches like docker context use, and sees switches made by docker', async () => {
    const { docker, store, configFile } = await storeWithContexts();
    await switchContext(store, configFile, noEnv, 'build-box');
    assert.match(await docker.ok('context', 'ls', '--format', '{{if .Current}}{{.Name}}{{end}}'), /^\s*build-box\s*$/);
    await docker.ok('context', 'use', 'prod-eu');
    const afterTheirs = await listContexts(store, configFile, noEnv, defaultTierRules);
    assert.deepEqual(
      afterTheirs.contexts.filter((context) => context.current).map((context) => context.name),
      ['prod-eu'],
    );
    await switchContext(store, configFile, noEnv, 'default');
    assert.equal(await configFile.readCurrentContext(), '');
    assert.match(await docker.ok('context', 'show'), /^default\s*$/);
  });

  it('refuses to switch to a context that does not exist, leaving config.json untouched', async () => {
    const { configDir, store, configFile } = await storeWithContexts();
    await switchContext(store, configFile, noEnv, 'laptop');
    const before = await readFile(path.join(configDir, 'config.json'), 'utf8');
    await assert.rejects(switchContext(store, configFile, noEnv, 'nope'), /context "nope" does not exist/);
    assert.equal(await readFile(path.join(configDir, 'config.json'), 'utf8'), before);
  });

  it('keeps auths, credsStore, proxies, plugins and unknown fields of config.json, and its mode', async () => {
    const { configDir, store, configFile } = await storeWithContexts();
    const file = path.join(configDir, 'config.json');
    const original = JSON.stringify(
      {
        auths: { 'registry.example': { auth: 'dXNlcjpwYXNz' } },
        credsStore: 'pass',
        proxies: { default: { httpProxy: 'http://proxy:3128' } },
        plugins: { debug: { hooks: 'exec' } },
        somethingNew: { nested: [1, 2, 3], huge: 1 },
        currentContext: 'laptop',
      },
      null,
      '\t',
    ).replace('"huge": 1', '"huge": 123456789012345678901234567890');
    await writeFile(file, original);
    await chmod(file, 0o640);
    // (docker context use itself rewrites the file and drops fields it does not know.)
    await switchContext(store, configFile, noEnv, 'staging');
    await switchContext(store, configFile, noEnv, 'build-box');
    const after = await readFile(file, 'utf8');
    assert.equal(after, original.replace('"currentContext": "laptop"', '"currentContext": "build-box"'));
    assert.equal((await stat(file)).mode & 0o777, 0o640);
  });

  it('reports a malformed config.json and never overwrites it', async () => {
    const { configDir, store, configFile } = await storeWithContexts();
    const file = path.join(configDir, 'config.json');
    await writeFile(file, '{"auths": {');
    await assert.rejects(switchContext(store, configFile, noEnv, 'laptop'), /config\.json is not valid JSON/);
    assert.equal(await readFile(file, 'utf8'), '{"auths": {');
    const listed = await listContexts(store, configFile, noEnv, defaultTierRules);
    assert.match(listed.configError ?? '', /not valid JSON/);
    assert.ok(listed.contexts.length >= 7, 'the contexts still list');
  });

  it('lists broken meta files as contexts in error and still lists the others', async () => {
    const { configDir, store, configFile } = await storeWithContexts();
    const metaRoot = path.join(configDir, 'contexts', 'meta');
    const writeMeta = async (dirName: string, text: string) => {
      await mkdir(path.join(metaRoot, dirName), { recursive: true });
      await writeFile(path.join(metaRoot, dirName, 'meta.json'), text);
    };
    await writeMeta(contextDirName('bad-json'), '{"Name": "bad-json", "Endpoints": {');
    await writeMeta(contextDirName('no-endpoint'), '{"Name": "no-endpoint", "Metadata": {}, "Endpoints": {}}');
    await writeMeta(contextDirName('somewhere-else'), '{"Name": "moved", "Endpoints": {"docker": {"Host": "unix:///x.sock"}}}');
    await writeMeta(contextDirName('bad-scheme'), '{"Name": "bad-scheme", "Endpoints": {"docker": {"Host": "UNIX:///x.sock"}}}');
    await mkdir(path.join(metaRoot, contextDirName('unreadable'), 'meta.json'), { recursive: true });

    const { contexts } = await listContexts(store, configFile, noEnv, defaultTierRules);
    const errors = Object.fromEntries(contexts.filter((context) => context.error).map((context) => [context.name, context.error]));
    assert.match(errors['bad-json'] ?? '', /not valid JSON/);
    assert.match(errors['no-endpoint'] ?? '', /cannot find docker endpoint in context/);
    assert.match(errors.moved ?? '', /wrong directory/);
    assert.match(errors['bad-scheme'] ?? '', /unsupported protocol "UNIX"/);
    assert.match(errors[contextDirName('unreadable')] ?? '', /cannot read meta\.json/);
    assert.equal(Object.keys(errors).length, 5);
    for (const name of ['default', 'laptop', 'build-box', 'prod-eu', 'staging', 'legacy', 'win-box']) {
      assert.ok(
        contexts.some((context) => context.name === name && context.error === null),
        name,
      );
    }
  });

  it('lists a context with a Unicode name, and its tier comes from the name', async () => {
    const configDir = await tempDir();
    const name = 'prod-ünïcode-生产';
    const dir = path.join(configDir, 'contexts', 'meta', contextDirName(name));
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'meta.json'), JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: 'ssh://root@db' } } }));
    const { contexts } = await listContexts(new ContextStore(configDir, noEnv), new DockerConfigFile(configDir), noEnv, defaultTierRules);
    const context = contexts.find((candidate) => candidate.name === name);
    assert.ok(context);
    assert.equal(context.error, null);
    assert.equal(context.tier, 'production');
  });

  it('stores the tier in Metadata, where the Docker CLI keeps it through update and export/import', async () => {
    const { docker, store, configFile } = await storeWithContexts();
    await store.setTier('build-box', 'staging');
    await docker.ok('context', 'update', 'build-box', '--description', 'changed by docker');
    const exported = path.join(await tempDir(), 'build-box.dockercontext');
    await docker.ok('context', 'export', 'build-box', exported);
    await docker.ok('context', 'rm', 'build-box');
    await docker.ok('context', 'import', 'build-box', exported);
    const { contexts } = await listContexts(store, configFile, noEnv, defaultTierRules);
    const context = contexts.find((candidate) => candidate.name === 'build-box');
    assert.equal(context?.description, 'changed by docker');
    assert.deepEqual([context?.tier, context?.tierSource], ['staging', 'metadata']);
  });

  it('follows the CLI precedence: DOCKER_HOST over DOCKER_CONTEXT over config.json over default', async () => {
    const { store, configFile } = await storeWithContexts();
    const current = async (env: NodeJS.ProcessEnv) => (await listContexts(new ContextStore(store.configDir, env), configFile, env, defaultTierRules)).current;
    assert.deepEqual(await current({}), { name: 'default', source: 'default' });
    await switchContext(store, configFile, noEnv, 'laptop');
    assert.deepEqual(await current({}), { name: 'laptop', source: 'config' });
    assert.deepEqual(await current({ DOCKER_CONTEXT: 'staging' }), { name: 'staging', source: 'DOCKER_CONTEXT' });
    assert.deepEqual(await current({ DOCKER_CONTEXT: 'staging', DOCKER_HOST: 'tcp://elsewhere:2375' }), { name: 'default', source: 'DOCKER_HOST' });
    const withHost = await listContexts(
      new ContextStore(store.configDir, { DOCKER_HOST: 'tcp://elsewhere:2375' }),
      configFile,
      { DOCKER_HOST: 'tcp://elsewhere:2375' },
      defaultTierRules,
    );
    const implicit = withHost.contexts.find((context) => context.name === 'default');
    assert.deepEqual([implicit?.host, implicit?.transport, implicit?.current], ['tcp://elsewhere:2375', 'tcp', true]);
  });

  it("reads DOCKER_HOST as docker does: the default context shows the address docker dials, or docker's error", async () => {
    const configDir = await tempDir();
    const values = [
      '127.0.0.1',
      'tcp://h',
      'tcp://h:',
      'tcp://:80',
      'tcp://',
      ' tcp://h/p ',
      'tcp://[::1]:2375',
      'tcp://[::1]',
      '::1',
      'tcp://h:x',
      'unix://',
      'unix:///run/d.sock',
      'ssh://me@h',
      'http://h',
      'tcp://tcp://h',
      'tcp://h:99999',
      'tcp://u@h:1',
      'npipe://',
      '[::1]:2375',
      'Host-1:1234',
      'tcp://h:2375/',
      'TCP://h',
    ];
    for (const value of values) {
      const env = { DOCKER_HOST: value };
      const ours = (await listContexts(new ContextStore(configDir, env), new DockerConfigFile(configDir), env, defaultTierRules)).contexts.find(
        (context) => context.isDefault,
      );
      const theirs = await dockerCli(configDir, env).run('context', 'inspect', 'default', '--format', '{{.Endpoints.docker.Host}}');
      if (theirs.code === 0) assert.deepEqual([ours?.host, ours?.error], [theirs.stdout.trim(), null], `DOCKER_HOST=${JSON.stringify(value)}`);
      else assert.ok(ours?.error, `DOCKER_HOST=${JSON.stringify(value)}: docker says ${theirs.stderr.trim()}, we list ${ours?.host}`);
    }
  });

  it('warns that a context endpoint without a port goes to port 80 (443 with TLS), as docker dials it', async () => {
    const { docker, store, configFile } = await storeWithContexts();
    await docker.ok('context', 'create', 'no-port', '--docker', 'host=tcp://127.10.0.7');
    await docker.ok('context', 'create', 'no-port-tls', '--docker', 'host=tcp://127.10.0.8,skip-tls-verify=true');
    const byName = new Map((await listContexts(store, configFile, noEnv, defaultTierRules)).contexts.map((context) => [context.name, context]));
    const portFinding = (name: string) => securityFindings(byName.get(name)!).find((finding) => /names no port/.test(finding.message))?.message;
    assert.match(portFinding('no-port') ?? '', /port 80, not Docker's 2375/);
    assert.match(portFinding('no-port-tls') ?? '', /port 443, not Docker's 2376/);
    assert.equal(portFinding('legacy'), undefined);
  });

  it('lists a current context that does not exist with an error, like docker context ls', async () => {
    const { store, configFile } = await storeWithContexts();
    const env = { DOCKER_CONTEXT: 'ghost' };
    const ours = await listContexts(store, configFile, env, defaultTierRules);
    const ghost = ours.contexts.find((context) => context.name === 'ghost');
    assert.equal(ghost?.current, true);
    assert.match(ghost?.error ?? '', /does not exist/);
    const theirs = await dockerCli(store.configDir, env).run('context', 'ls', '--format', '{{.Name}} {{.Current}}');
    assert.match(theirs.stdout, /^ghost true$/m);
  });
});
