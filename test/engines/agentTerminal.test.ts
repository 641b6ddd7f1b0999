/**
 * A docker command in an AI agent's terminal (COPILOT_AGENT=1, as VS Code's agent terminal tool
 * starts them) against the real engines, in the typed-name mode where a person on the terminal
 * would be asked: the agent is never asked — not on the pseudo-terminal it could answer itself,
 * not through DOCKER_GUARD_CONFIRM it could set — the destroy is refused (exit 3) and the
 * container stays, by what the real docker CLI says; on the local engine it runs. The audit log
 * names the agent and its terminal tool.
 */
import * as assert from 'node:assert/strict';

import { useGuardFixture } from '../support/guardFixture';
import { cliPath } from '../support/repoPaths';
import { ensureSystemPackages } from '../support/systemDeps';
import { runOnTerminal, runWithoutTerminal } from '../unit/guard/terminalProcess';

describe("terminal guard in an agent's terminal (real engines)", function () {
  this.timeout(60_000);
  const fixture = useGuardFixture('agent-term', { 'prod-eu': 'tls', laptop: 'local' }, { production: 'typeName' }, { COPILOT_AGENT: '1' });
  const { container, exists } = fixture;
  const auditedFor = (name: string) =>
    fixture
      .auditRecords()
      .filter((line) => line.targets.includes(name))
      .map((line) => [line.source, line.tool, line.context, line.operation, line.outcome]);

  before(() => ensureSystemPackages([{ command: 'python3', pkg: 'python3' }]));

  it('refuses a destroy on production without asking on the terminal, whatever DOCKER_GUARD_CONFIRM says', async () => {
    const name = await container('prod-eu');
    const argv = [process.execPath, cliPath, 'exec', '--', '--context', 'prod-eu', 'rm', '-f', name];
    // The agent would type the name if it were asked.
    const onTerminal = await runOnTerminal(argv, [['Type its name', 'prod-eu\n']], fixture.env);
    assert.equal(onTerminal.status, 3, onTerminal.screen);
    assert.doesNotMatch(onTerminal.screen, /Type its name|\[y\/N\]/);
    assert.match(onTerminal.screen, /typed by a person, which an agent cannot do/);
    const withVariable = await runWithoutTerminal(argv[0], argv.slice(1), { ...fixture.env, DOCKER_GUARD_CONFIRM: 'prod-eu' });
    assert.equal(withVariable.code, 3, withVariable.stderr);
    assert.ok(await exists('prod-eu', name));
    assert.deepEqual(auditedFor(name), Array(2).fill(['agent', 'run_in_terminal', 'prod-eu', 'container rm --force', 'declined']));
  });

  it('lets it through on the local engine, audited as the agent’s', async () => {
    const name = await container('laptop');
    const result = await runWithoutTerminal(process.execPath, [cliPath, 'exec', '--', '--context', 'laptop', 'rm', '-f', name], fixture.env);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(await exists('laptop', name), false);
    assert.deepEqual(auditedFor(name), [['agent', 'run_in_terminal', 'laptop', 'container rm --force', 'done']]);
  });
});
