/**
 * The terminal's route through the engine gateway, differentially against the real docker CLI:
 * every context's engine and every gateway socket is a recording fake engine, and each command
 * line of a corpus (docker's global flags in every spelling, with the environment and config.json
 * picking the context, and command options that look like global ones) is run twice — as typed,
 * and as gatewayRoute rewrites it. The rewritten line must send the very same requests to the
 * gateway socket of the context whose engine the typed line reached, and nothing anywhere else;
 * where the typed line reached an address or a context without a gateway, nothing is routed.
 * The context it names is also the one resolveCommandTarget gives, and the rewritten line
 * classifies as the typed one.
 */
import * as assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

import { gatewaySocketPath } from '../../../src/core/gateway/gatewaySockets';
import { classifyDockerArgs } from '../../../src/core/guard/classifyDockerArgs';
import { resolveCommandTarget } from '../../../src/core/guard/dockerTarget';
import { defaultGuardSettings } from '../../../src/core/guard/guardPolicy';
import { sharedEnv } from '../../../src/core/sharedEnvironment';
import { gatewayRoute } from '../../../src/core/terminal/gatewayRoute';
import { dockerCli } from '../../support/dockerCli';
import { type FakeEngine, startFakeEngine } from '../../support/fakeEngine';
import { runProcess } from '../../support/runProcess';
import { useTempDirs } from '../../support/tempDir';

/** Contexts with a gateway socket; `nogw` has none. `ps` is a context named like a command. */
const gatewayed = ['prod', 'staging', 'ps'];
const contextNames = [...gatewayed, 'nogw'];

describe('terminal route through the engine gateway (real docker CLI)', function () {
  this.timeout(120_000);
  const tempDir = useTempDirs('gwroute');
  const fakes: FakeEngine[] = [];
  /** Requests each fake saw (method and path, API version dropped), by the fake's label. */
  const seen = new Map<string, string[]>();
  let engines: Record<string, FakeEngine>;
  let gatewayDir: string;
  let base: NodeJS.ProcessEnv;

  async function fake(label: string, at?: string): Promise<FakeEngine> {
    seen.set(label, []);
    const engine = await startFakeEngine((route, request, response) => {
      seen.get(label)!.push(`${request.method} ${route}`);
      response.writeHead(404, { 'Content-Type': 'application/json', 'Api-Version': '1.47' });
      response.end(JSON.stringify({ message: `recorded by ${label}` }));
    }, at);
    fakes.push(engine);
    return engine;
  }

  before(async () => {
    const configDir = await tempDir();
    gatewayDir = await tempDir();
    engines = {};
    for (const name of contextNames) engines[name] = await fake(`engine ${name}`);
    for (const name of gatewayed) await fake(`gateway ${name}`, gatewaySocketPath(gatewayDir, name));
    await fake('address');
    const docker = dockerCli(configDir);
    for (const name of contextNames) await docker.ok('context', 'create', name, '--docker', `host=${engines[name].host}`);
    await docker.ok('context', 'use', 'staging');
    const home = await tempDir();
    await mkdir(path.join(home, '.docker'));
    await writeFile(path.join(home, '.docker', 'config.json'), '{}');
    base = { HOME: home, PATH: process.env.PATH, DOCKER_CONFIG: configDir, [sharedEnv.gatewayDir]: gatewayDir };
  });
  after(() => Promise.all(fakes.map((engine) => engine.close())));

  /** Runs docker and returns which fakes it reached, with what. */
  async function reached(args: string[], env: NodeJS.ProcessEnv): Promise<Map<string, string[]>> {
    for (const requests of seen.values()) requests.length = 0;
    await runProcess('docker', args, { env, timeoutMs: 20_000 });
    return new Map(
      [...seen].filter(([, requests]) => requests.some((request) => !request.endsWith(' /_ping'))).map(([label, requests]) => [label, [...requests]]),
    );
  }

  const address = () => fakes.at(-1)!.host;
  // A read, a removal, and a command whose own -c is not docker's.
  const commands = [['ps'], ['container', 'rm', '-f', 'web'], ['run', '-c', '512', '--rm', 'img']];
  const globalForms: (string | (() => string))[][] = [
    [],
    ['--context', 'prod'],
    ['--context=prod'],
    ['-c', 'prod'],
    ['-cprod'],
    ['-c=prod'],
    ['-Dc', 'prod'],
    ['-DDcprod'],
    ['-D', '-c', 'ps'],
    ['-c', 'ps'],
    ['--debug=false', '--context', 'prod'],
    ['-l', 'error', '-c', 'prod'],
    ['--log-level=error', '--context=nogw'],
    ['-c', 'prod', '-c', 'staging'],
    ['--tls', '--context', 'prod'],
    ['--tlsverify=false', '-c', 'prod'],
    ['--context', 'missing'],
    ['-H', address],
    ['-c', 'prod', '-H', address],
    ['--', '-c', 'prod'],
    ['--contex', 'prod'],
    ['-H', () => `unix://${gatewaySocketPath(gatewayDir, 'prod')}`],
  ];
  const environments: NodeJS.ProcessEnv[] = [
    {},
    { DOCKER_CONTEXT: 'prod' },
    { DOCKER_CONTEXT: 'nogw' },
    { DOCKER_HOST: 'address' },
    { DOCKER_HOST: 'address', DOCKER_TLS_VERIFY: '1' },
    { DOCKER_HOST: 'gateway staging' },
  ];

  const corpus = environments.flatMap((env) => globalForms.flatMap((flags) => commands.map((command) => ({ flags, command, env }))));
  it(`routes ${corpus.length} command lines to the engine docker picks, or not at all`, async () => {
    let routed = 0;
    for (const { flags, command, env: given } of corpus) {
      const args = [...flags.map((flag) => (typeof flag === 'string' ? flag : flag())), ...command];
      const env = { ...base, ...given };
      if (env.DOCKER_HOST === 'address') env.DOCKER_HOST = address();
      if (env.DOCKER_HOST === 'gateway staging') env.DOCKER_HOST = `unix://${gatewaySocketPath(gatewayDir, 'staging')}`;
      const line = `docker ${args.join(' ')} ${JSON.stringify(given)}`;
      const typed = await reached(args, env);
      const classification = classifyDockerArgs(args);
      const route = await gatewayRoute(args, classification, env);
      const [label] = [...typed.keys()];
      assert.ok(typed.size <= 1, `${line} reached ${[...typed.keys()].join(', ')}`);
      const expected = label?.startsWith('gateway ') ? label : label?.startsWith('engine ') ? `gateway ${label.slice('engine '.length)}` : undefined;
      if (expected === undefined || !seen.has(expected)) {
        // A line given a gateway socket itself runs unchanged, wherever docker takes it.
        const unchanged = route && !route.context && route.args.join('\0') === args.join('\0') && route.env === env;
        assert.ok(!route || unchanged, `${line} reached ${label ?? 'nothing'} but was routed to ${route?.socketPath}`);
        continue;
      }
      assert.ok(route, `${line} reached ${label}, which has a gateway, but was not routed`);
      routed++;
      if (route.context) {
        assert.equal(`gateway ${route.context.name}`, expected, line);
        const target = await resolveCommandTarget(classification, env, defaultGuardSettings);
        assert.equal(target.context?.name, route.context.name, `${line}: resolveCommandTarget`);
      }
      const rewritten = classifyDockerArgs(route.args);
      assert.deepEqual(
        [rewritten.class, rewritten.operation, rewritten.targets],
        [classification.class, classification.operation, classification.targets],
        line,
      );
      const through = await reached(route.args, route.env);
      assert.deepEqual([...through], [[expected, typed.get(label!)]], `${line} → docker ${route.args.join(' ')}`);
    }
    // Most of the corpus goes to a context with a gateway: a route that never routes fails here.
    assert.ok(routed > corpus.length / 3, `only ${routed} of ${corpus.length} lines were routed`);
  });
});
