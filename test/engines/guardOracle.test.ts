/**
 * The guard's reading of a command line against docker's own, differentially: every line of a
 * corpus (global-flag spellings × commands × environments) is classified and aimed by the guard,
 * then run by the real docker CLI against contexts whose engines are recording proxies in front
 * of the harness's real engine (test/support/recordingEngineProxy.ts: reads pass, changes are
 * recorded and refused, so nothing changes). The oracle is what reached which engine: the guard
 * must never class a line below what docker sent, and must name the engine that received it.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { classifyDockerArgs } from '../../src/core/guard/classifyDockerArgs';
import { resolveCommandTarget } from '../../src/core/guard/dockerTarget';
import type { OperationClass } from '../../src/core/guard/guard';
import { defaultGuardSettings } from '../../src/core/guard/guardPolicy';
import { apiRequestClass } from '../support/apiRequestClass';
import { dockerCli } from '../support/dockerCli';
import { corpusCommands as commands } from '../support/dockerCommandCorpus';
import { loadHarnessInfo } from '../support/harnessInfo';
import { type RecordingEngineProxy, startRecordingEngineProxy } from '../support/recordingEngineProxy';
import { runProcess } from '../support/runProcess';
import { useTempDirs } from '../support/tempDir';

const rank: Record<OperationClass, number> = { read: 0, mutate: 1, destroy: 2 };

/** The engines: three stored contexts and one address no context names. */
const engineNames = ['laptop', 'prod-eu', 'staging-1', 'adhoc'] as const;
type EngineName = (typeof engineNames)[number];

/** Spellings of "go to prod-eu" (and a few of "go elsewhere"), each `<adhoc>` / `<prod>` replaced by a socket URL. */
const prefixes: string[][] = [
  [],
  ['--context', 'prod-eu'],
  ['--context=prod-eu'],
  ['-c', 'prod-eu'],
  ['-cprod-eu'],
  ['-c=prod-eu'],
  ['-D', '-c', 'prod-eu'],
  ['--debug=false', '--context', 'prod-eu'],
  ['--help=false', '-c', 'prod-eu'],
  ['-h=false', '--context', 'prod-eu'],
  ['--', '-c', 'prod-eu'],
  ['--', '--debug', '--context', 'prod-eu'],
  ['--context', 'prod-eu', '--'],
  ['-l', 'error', '-c', 'prod-eu'],
  ['--log-level=error', '--tls=false', '-c', 'prod-eu'],
  ['-c', 'laptop', '-c', 'prod-eu'],
  ['-v=false', '-c', 'prod-eu'],
  ['-H', '<prod>'],
  ['--host=<prod>'],
  ['-H', '<adhoc>'],
  ['-c', 'staging-1'],
  ['--', '--', '-c', 'prod-eu'],
  ['--', '-H', '<adhoc>'],
];

const environments: Record<string, NodeJS.ProcessEnv> = {
  none: {},
  'DOCKER_CONTEXT=prod-eu': { DOCKER_CONTEXT: 'prod-eu' },
  'DOCKER_HOST=<prod>': { DOCKER_HOST: '<prod>' },
  'DOCKER_HOST=<adhoc> DOCKER_CONTEXT=staging-1': { DOCKER_HOST: '<adhoc>', DOCKER_CONTEXT: 'staging-1' },
};

/** Every command with a few prefixes, every prefix with a few commands, every environment with both. */
function corpus(): { args: string[]; environment: string }[] {
  const lines: { args: string[]; environment: string }[] = [];
  for (const command of commands)
    for (const prefix of [prefixes[0], prefixes[1], prefixes[10]]) lines.push({ args: [...prefix, ...command], environment: 'none' });
  const someCommands = [commands[0], commands[1], commands[8], commands[29], commands[33], commands[39]];
  for (const prefix of prefixes.slice(2)) for (const command of someCommands) lines.push({ args: [...prefix, ...command], environment: 'none' });
  for (const environment of Object.keys(environments).slice(1)) {
    for (const prefix of [prefixes[0], prefixes[17], prefixes[20], prefixes[22]])
      for (const command of someCommands) lines.push({ args: [...prefix, ...command], environment });
  }
  return lines;
}

describe('the guard against docker itself (differential, recording engines)', function () {
  this.timeout(300_000);
  const info = loadHarnessInfo();
  const tempDir = useTempDirs('guard-oracle');
  const proxies = new Map<EngineName, RecordingEngineProxy>();
  let env: NodeJS.ProcessEnv;
  const url = (name: EngineName) => `unix://${proxies.get(name)!.socketPath}`;
  const fill = (word: string) => word.replace('<prod>', url('prod-eu')).replace('<adhoc>', url('adhoc'));

  before(async () => {
    const socketDir = await tempDir();
    for (const name of engineNames) proxies.set(name, await startRecordingEngineProxy(path.join(socketDir, `${name}.sock`), info.local.socketPath));
    const configDir = await tempDir();
    const docker = dockerCli(configDir);
    for (const name of ['laptop', 'prod-eu', 'staging-1'] as const) await docker.ok('context', 'create', name, '--docker', `host=${url(name)}`);
    await docker.ok('context', 'use', 'laptop');
    env = { PATH: process.env.PATH, HOME: await tempDir(), DOCKER_CONFIG: configDir };
  });

  after(async () => {
    await Promise.all([...proxies.values()].map((proxy) => proxy.close()));
  });

  it('never classes a line below what docker sends, and names the engine that receives it', async () => {
    const disagreements: string[] = [];
    const lines = corpus();
    for (const { args: written, environment } of lines) {
      const args = written.map(fill);
      const caseEnv = { ...env, ...Object.fromEntries(Object.entries(environments[environment]).map(([key, value]) => [key, fill(value ?? '')])) };
      const ours = classifyDockerArgs(args);
      const target = await resolveCommandTarget(ours, caseEnv, defaultGuardSettings);
      for (const proxy of proxies.values()) proxy.clear();
      await runProcess('docker', args, { env: caseEnv, timeoutMs: 20_000 });
      // A request still on its way when docker exits is counted too.
      await sleep(5);
      const reached = [...proxies].filter(([, proxy]) => proxy.requests.length > 0);
      const sent = reached.flatMap(([, proxy]) => proxy.requests.map((request) => apiRequestClass(request.method, request.path)));
      const oracle = sent.reduce<OperationClass>((strongest, cls) => (rank[cls] > rank[strongest] ? cls : strongest), 'read');
      const line = `docker ${args.join(' ')} [${environment}]`;
      if (rank[ours.class] < rank[oracle]) disagreements.push(`${line}: guard says ${ours.class} (${ours.operation}), docker sent ${oracle}`);
      if (oracle === 'read') continue;
      const receivers = reached.map(([name]) => name);
      const aimed =
        target.context === undefined
          ? 'none'
          : target.context.isDefault
            ? target.context.host === url('adhoc')
              ? 'adhoc'
              : `default ${target.context.host}`
            : target.context.name;
      if (receivers.length !== 1 || receivers[0] !== aimed) disagreements.push(`${line}: guard aims at ${aimed}, docker sent to ${receivers.join(', ')}`);
    }
    assert.deepEqual(disagreements, [], `${disagreements.length} of ${lines.length} lines disagree with docker`);
    assert.ok(lines.length > 250, `corpus of ${lines.length} lines`);
  });

  it('the corpus reaches engines: most changes were sent, to every engine', async () => {
    // A corpus that docker refused wholesale (a wrong socket, a docker that is not there) proves nothing.
    const seen = new Set<EngineName>();
    let changes = 0;
    for (const { args: written, environment } of corpus().filter((_line, index) => index % 7 === 0)) {
      const caseEnv = { ...env, ...Object.fromEntries(Object.entries(environments[environment]).map(([key, value]) => [key, fill(value ?? '')])) };
      for (const proxy of proxies.values()) proxy.clear();
      await runProcess('docker', written.map(fill), { env: caseEnv, timeoutMs: 20_000 });
      for (const [name, proxy] of proxies) {
        if (proxy.requests.length > 0) seen.add(name);
        changes += proxy.requests.filter((request) => apiRequestClass(request.method, request.path) !== 'read').length;
      }
    }
    assert.ok(changes >= 10, `only ${changes} changes reached an engine`);
    assert.deepEqual([...seen].sort(), [...engineNames].sort());
  });
});
