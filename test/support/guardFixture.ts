/**
 * What a test of the guard against the harness's real engines sets up, in one place: a fresh
 * Docker config folder with the contexts it names (each on the TLS engine or the unix-socket
 * one), a state folder of its own (audit log, elevations), the environment the CLI runs with
 * (the given guard settings, no DOCKER_HOST, DOCKER_CONTEXT or DOCKER_GUARD_CONFIRM of the
 * caller's), running busybox containers made on demand and removed after the suite, and the
 * audit log read back.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import type { AuditRecord } from '../../src/core/audit/auditRecord';
import { defaultGuardSettings, type GuardSettings } from '../../src/core/guard/guardPolicy';
import { guardSettingsToEnv } from '../../src/core/guard/guardSettingsEnv';
import { sharedEnv } from '../../src/core/sharedEnvironment';
import { dockerCli } from './dockerCli';
import { loadHarnessInfo } from './harnessInfo';
import { useTempDirs } from './tempDir';

const sleeper = ['sh', '-c', 'trap "exit 0" TERM; sleep 3600 & wait'];

/** The records of an audit log file (none when it does not exist yet). */
export function readAuditRecords(file: string): AuditRecord[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AuditRecord);
}

export interface GuardFixture {
  docker: ReturnType<typeof dockerCli>;
  /** The CLI's environment. */
  env: NodeJS.ProcessEnv;
  auditFile: string;
  /** A running container on `context`, named uniquely, removed after the suite. */
  container(context: string): Promise<string>;
  exists(context: string, name: string): Promise<boolean>;
  auditRecords(): AuditRecord[];
}

/** Registers the suite's before and after hooks; the fixture's fields are there from `before` on. */
export function useGuardFixture(
  prefix: string,
  contexts: Record<string, 'tls' | 'local'>,
  settings: Partial<GuardSettings>,
  extraEnv: NodeJS.ProcessEnv = {},
): GuardFixture {
  const info = loadHarnessInfo();
  const tempDir = useTempDirs(prefix);
  const made: [string, string][] = [];
  let count = 0;
  const fixture: GuardFixture = {
    docker: dockerCli(''),
    env: {},
    auditFile: '',
    async container(context) {
      const name = `dcg-${prefix}-${++count}`;
      made.push([context, name]);
      await fixture.docker.ok('--context', context, 'run', '-d', '--name', name, info.image, ...sleeper);
      return name;
    },
    exists: async (context, name) => (await fixture.docker.run('--context', context, 'inspect', name)).code === 0,
    auditRecords: () => readAuditRecords(fixture.auditFile),
  };

  before(async () => {
    const configDir = await tempDir();
    const stateDir = path.join(await tempDir(), 'state');
    fixture.docker = dockerCli(configDir);
    fixture.auditFile = path.join(stateDir, 'audit.jsonl');
    const pem = (file: string) => path.join(info.tls.clientDir, file);
    const endpoints = {
      tls: `host=${info.tls.host},ca=${pem('ca.pem')},cert=${pem('cert.pem')},key=${pem('key.pem')}`,
      local: `host=${info.local.host}`,
    };
    for (const [name, engine] of Object.entries(contexts)) await fixture.docker.ok('context', 'create', name, '--docker', endpoints[engine]);
    fixture.env = {
      ...process.env,
      DOCKER_CONFIG: configDir,
      DOCKER_HOST: '',
      DOCKER_CONTEXT: '',
      DOCKER_GUARD_CONFIRM: '',
      [sharedEnv.auditLog]: '',
      [sharedEnv.stateDir]: stateDir,
      [sharedEnv.guardSettings]: guardSettingsToEnv({ ...defaultGuardSettings, ...settings }),
      ...extraEnv,
    };
  });

  after(async () => {
    await Promise.all(made.map(([context, name]) => fixture.docker.run('--context', context, 'rm', '-f', name)));
  });

  return fixture;
}
