/**
 * A docker command in an AI agent's terminal (COPILOT_AGENT=1, as VS Code's agent terminal tool
 * starts them) against the real engines, in the typed-name mode where a person on the terminal
 * would be asked: the agent is never asked — not on the pseudo-terminal it could answer itself,
 * not through DOCKER_GUARD_CONFIRM it could set — the destroy is refused (exit 3) and the
 * container stays, by what the real docker CLI says; on the local engine it runs. The audit log
 * names the agent and its terminal tool.
 */
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';

import type { AuditRecord } from '../../src/core/audit/auditRecord';
import { defaultGuardSettings } from '../../src/core/guard/guardPolicy';
import { guardSettingsToEnv } from '../../src/core/guard/guardSettingsEnv';
import { sharedEnv } from '../../src/core/sharedEnvironment';
import { dockerCli } from '../support/dockerCli';
import { loadHarnessInfo } from '../support/harnessInfo';
import { cliPath } from '../support/repoPaths';
import { ensureSystemPackages } from '../support/systemDeps';
import { useTempDirs } from '../support/tempDir';
import { runOnTerminal, runWithoutTerminal } from '../unit/guard/terminalProcess';

const sleeper = ['sh', '-c', 'trap "exit 0" TERM; sleep 3600 & wait'];

describe("terminal guard in an agent's terminal (real engines)", function () {
  this.timeout(60_000);
  const info = loadHarnessInfo();
  const tempDir = useTempDirs('agent-terminal');
  let env: NodeJS.ProcessEnv;
  let auditFile: string;
  let docker: ReturnType<typeof dockerCli>;
  let count = 0;
  const made: [string, string][] = [];

  before(async () => {
    await ensureSystemPackages([{ command: 'python3', pkg: 'python3' }]);
    const configDir = await tempDir();
    auditFile = path.join(await tempDir(), 'audit.jsonl');
    docker = dockerCli(configDir);
    const pem = (file: string) => path.join(info.tls.clientDir, file);
    await docker.ok('context', 'create', 'prod-eu', '--docker', `host=${info.tls.host},ca=${pem('ca.pem')},cert=${pem('cert.pem')},key=${pem('key.pem')}`);
    await docker.ok('context', 'create', 'laptop', '--docker', `host=${info.local.host}`);
    env = {
      ...process.env,
      DOCKER_CONFIG: configDir,
      DOCKER_HOST: '',
      DOCKER_CONTEXT: '',
      DOCKER_GUARD_CONFIRM: '',
      COPILOT_AGENT: '1',
      [sharedEnv.auditLog]: auditFile,
      [sharedEnv.guardSettings]: guardSettingsToEnv({ ...defaultGuardSettings, production: 'typeName' }),
    };
  });

  after(async () => {
    await Promise.all(made.map(([context, name]) => docker.run('--context', context, 'rm', '-f', name)));
  });

  async function container(context: string): Promise<string> {
    const name = `dcg-agent-term-${++count}`;
    made.push([context, name]);
    await docker.ok('--context', context, 'run', '-d', '--name', name, info.image, ...sleeper);
    return name;
  }
  const exists = async (context: string, name: string) => (await docker.run('--context', context, 'inspect', name)).code === 0;
  const auditedFor = async (name: string) =>
    (await readFile(auditFile, 'utf8').catch(() => ''))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as AuditRecord)
      .filter((line) => line.targets.includes(name))
      .map((line) => [line.source, line.tool, line.context, line.operation, line.outcome]);

  it('refuses a destroy on production without asking on the terminal, whatever DOCKER_GUARD_CONFIRM says', async () => {
    const name = await container('prod-eu');
    const argv = [process.execPath, cliPath, 'exec', '--', '--context', 'prod-eu', 'rm', '-f', name];
    // The agent would type the name if it were asked.
    const onTerminal = await runOnTerminal(argv, [['Type its name', 'prod-eu\n']], env);
    assert.equal(onTerminal.status, 3, onTerminal.screen);
    assert.doesNotMatch(onTerminal.screen, /Type its name|\[y\/N\]/);
    assert.match(onTerminal.screen, /typed by a person, which an agent cannot do/);
    const withVariable = await runWithoutTerminal(argv[0], argv.slice(1), { ...env, DOCKER_GUARD_CONFIRM: 'prod-eu' });
    assert.equal(withVariable.code, 3, withVariable.stderr);
    assert.ok(await exists('prod-eu', name));
    assert.deepEqual(await auditedFor(name), Array(2).fill(['agent', 'run_in_terminal', 'prod-eu', 'container rm --force', 'declined']));
  });

  it('lets it through on the local engine, audited as the agent’s', async () => {
    const name = await container('laptop');
    const result = await runWithoutTerminal(process.execPath, [cliPath, 'exec', '--', '--context', 'laptop', 'rm', '-f', name], env);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(await exists('laptop', name), false);
    assert.deepEqual(await auditedFor(name), [['agent', 'run_in_terminal', 'laptop', 'container rm --force', 'done']]);
  });
});
