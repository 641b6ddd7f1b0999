/**
 * Starts everything the real-engine suites talk to, in parallel and inside one fresh temp dir: a
 * dockerd on a private unix socket, a dockerd behind mutual TLS, an sshd whose sessions reach the
 * first engine, and busybox:latest in both engines. It describes them in `<root>/harness.json`
 * (see harnessInfo.ts). Nothing touches the real ~/.docker, ~/.ssh or an engine already on the host.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { buildBusyboxTar, busyboxImage, importBusybox } from './busyboxImage';
import { removeHarnessRoot } from './cleanup';
import { DaemonGroup } from './daemons';
import { dockerArgs } from './dockerCli';
import { startLocalEngine, startTlsEngine } from './dockerEngines';
import { harnessEnvVar, type HarnessInfo } from './harnessInfo';
import { startSshd } from './sshEndpoint';
import { ensureSystemPackages, requireModernDockerCli } from './systemDeps';

export interface Harness {
  info: HarnessInfo;
  /** `<root>/harness.json`, also in env.DCG_TEST_HARNESS. */
  infoFile: string;
  /** HOME, DOCKER_CONFIG, DCG_TEST_HARNESS, and PATH with the harness `ssh` wrapper first. */
  env: NodeJS.ProcessEnv;
  /** Stops every process the harness started and removes its temp dir. Safe to call twice. */
  stop(): Promise<void>;
}

// dockerd puts unix sockets under its exec root; those paths must stay under 108 bytes.
const maxRootLength = 40;

export async function startHarness(): Promise<Harness> {
  await ensureSystemPackages();
  requireModernDockerCli();
  const began = performance.now();
  const root = await mkdtemp(join(tmpdir(), 'dcg-harness-'));
  const daemons = new DaemonGroup();
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= daemons.stopAll().then(() => removeHarnessRoot(root)));
  try {
    if (root.length > maxRootLength) {
      throw new Error(`temp dir ${root} is too long for dockerd's unix sockets; point TMPDIR at a short path like /tmp`);
    }
    const { info, env } = await launch(daemons, root);
    const infoFile = env[harnessEnvVar]!;
    await writeFile(infoFile, `${JSON.stringify(info, null, 2)}\n`);
    console.error(`harness: engines, sshd and ${busyboxImage} up in ${((performance.now() - began) / 1000).toFixed(1)} s`);
    return { info, infoFile, env, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function launch(daemons: DaemonGroup, root: string): Promise<{ info: HarnessInfo; env: NodeJS.ProcessEnv }> {
  const home = join(root, 'home');
  const dockerConfig = join(root, 'docker-config');
  const binDir = join(root, 'bin');
  const socketPath = join(root, 'local', 'docker.sock');
  await Promise.all([home, dockerConfig].map((dir) => mkdir(dir)));
  const env = {
    HOME: home,
    DOCKER_CONFIG: dockerConfig,
    [harnessEnvVar]: join(root, 'harness.json'),
    PATH: [binDir, process.env.PATH].filter(Boolean).join(':'),
    // `npm test` run in an AI agent's terminal: the terminal guard's tests are a person's, unless they say otherwise (agentTerminal.test.ts).
    COPILOT_AGENT: '',
  };

  const [local, tls, ssh, tarball] = await allSettled([
    startLocalEngine(daemons, socketPath, join(root, 'e1')),
    startTlsEngine(daemons, join(root, 'tls'), join(root, 'e2')),
    startSshd(daemons, { dir: join(root, 'ssh'), home, binDir }, `unix://${socketPath}`),
    buildBusyboxTar(join(root, 'image')),
  ] as const);
  const info: HarnessInfo = { root, home, dockerConfig, image: busyboxImage, local, tls, ssh };
  await allSettled([importBusybox(dockerArgs(info, 'local'), tarball, env), importBusybox(dockerArgs(info, 'tls'), tarball, env)]);
  return { info, env };
}

/** Like Promise.all, but waits for every task to settle (nothing still starting when we clean up) and reports all failures. */
async function allSettled<T extends readonly unknown[]>(tasks: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const results = await Promise.allSettled(tasks);
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [String((r.reason as Error).message ?? r.reason)] : []));
  if (failures.length > 0) throw new Error(`harness failed to start:\n${failures.join('\n\n')}`);
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}
