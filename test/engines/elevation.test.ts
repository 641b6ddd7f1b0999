/**
 * Read-only production and elevations from the CLI, against a real engine: with
 * `guard.production: readOnly`, a destroy on production is refused (exit 3, the container stays)
 * with or without a terminal and whatever DOCKER_GUARD_CONFIRM says; `elevate` opens write access
 * for a few real seconds (the typed name, or DOCKER_GUARD_CONFIRM where no terminal can ask), the
 * destroy is then asked as on any remote engine (DOCKER_GUARD_CONFIRM for a script), runs, and
 * its audit line carries the reason, and once the time is up it is refused
 * again; `elevate --list --json` shows the window only while it is open.
 */
import * as assert from 'node:assert/strict';

import { useGuardFixture } from '../support/guardFixture';
import { cliPath } from '../support/repoPaths';
import { ensureSystemPackages } from '../support/systemDeps';
import { runOnTerminal, runWithoutTerminal } from '../unit/guard/terminalProcess';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('read-only production and elevations (CLI, real engine)', function () {
  this.timeout(60_000);
  const fixture = useGuardFixture('elevate', { prod: 'tls' }, { production: 'readOnly' });

  before(() => ensureSystemPackages([{ command: 'python3', pkg: 'python3' }]));

  const container = () => fixture.container('prod');
  const exists = (name: string) => fixture.exists('prod', name);
  const cli = (args: string[], extra: NodeJS.ProcessEnv = {}) => runWithoutTerminal(process.execPath, [cliPath, ...args], { ...fixture.env, ...extra });
  const auditLines = async () => fixture.auditRecords();
  const listed = async () =>
    JSON.parse((await cli(['elevate', '--list', '--json'])).stdout) as { name: string; reason: string; who: string; since: string; until: string }[];

  it('refuses a destroy on read-only production without a terminal, with DOCKER_GUARD_CONFIRM, and on a terminal: exit 3, one line, nothing asked', async () => {
    const name = await container();
    for (const extra of [{}, { DOCKER_GUARD_CONFIRM: 'prod' }]) {
      const result = await cli(['exec', '--', '--context', 'prod', 'rm', '-f', name], extra);
      assert.equal(result.code, 3, result.stderr);
      assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
      assert.match(result.stderr, /"prod" is production and read-only: container rm --force was refused.*docker guard elevate prod --for/);
    }
    const onTerminal = await runOnTerminal([process.execPath, cliPath, 'exec', '--', '--context', 'prod', 'rm', '-f', name], [], fixture.env);
    assert.equal(onTerminal.status, 3, onTerminal.screen);
    assert.doesNotMatch(onTerminal.screen, /Type its name|\[y\/N\]/);
    assert.ok(await exists(name));
    // Reads pass.
    assert.equal((await cli(['exec', '--', '--context', 'prod', 'inspect', '--format', '{{.Name}}', name])).code, 0);
    const refused = (await auditLines()).filter((line) => line.targets.includes(name));
    assert.deepEqual(
      refused.map((line) => [line.operation, line.outcome]),
      Array(3).fill(['container rm --force', 'declined']),
    );
  });

  it('elevate needs the typed name (or DOCKER_GUARD_CONFIRM without a terminal), a reason and a duration', async () => {
    assert.equal((await cli(['elevate', 'prod', '--for', '5s', '--reason', 'INC-1'])).code, 3);
    assert.equal((await cli(['elevate', 'prod', '--for', '5s'], { DOCKER_GUARD_CONFIRM: 'prod' })).code, 2);
    assert.equal((await cli(['elevate', 'prod', '--for', 'soon', '--reason', 'x'], { DOCKER_GUARD_CONFIRM: 'prod' })).code, 2);
    assert.equal((await cli(['elevate', 'prod', '--for', '9h', '--reason', 'x'], { DOCKER_GUARD_CONFIRM: 'prod' })).code, 1);
    const wrongName = await runOnTerminal(
      [process.execPath, cliPath, 'elevate', 'prod', '--for', '5s', '--reason', 'INC-1'],
      [['Type its name', 'y\n']],
      fixture.env,
    );
    assert.equal(wrongName.status, 3, wrongName.screen);
    assert.deepEqual(await listed(), []);
  });

  it('after elevate --for 5s the destroy runs with the reason in its audit line; after the 5 s it is refused again', async () => {
    const first = await container();
    const second = await container();
    const opened = await cli(['elevate', 'prod', '--for', '5s', '--reason', 'INC-42 restart web'], { DOCKER_GUARD_CONFIRM: 'prod' });
    assert.equal(opened.code, 0, opened.stderr);
    const open = await listed();
    assert.deepEqual(
      open.map(({ name, reason }) => [name, reason]),
      [['prod', 'INC-42 restart web']],
    );
    assert.ok(Date.parse(open[0].until) - Date.parse(open[0].since) === 5000);

    // Inside, production is asked as any remote engine: a script confirms a destroy as it would there.
    assert.equal((await cli(['exec', '--', '--context', 'prod', 'rm', '-f', first])).code, 3);
    const inside = await cli(['exec', '--', '--context', 'prod', 'rm', '-f', first], { DOCKER_GUARD_CONFIRM: 'prod' });
    assert.equal(inside.code, 0, inside.stderr);
    assert.equal(await exists(first), false);
    const lines = await auditLines();
    const opening = lines.find((line) => line.operation === 'elevation open');
    const removal = lines.find((line) => line.targets.includes(first) && line.outcome === 'done');
    assert.equal(opening?.confirmedBy, 'environment');
    assert.equal(opening?.elevation?.reason, 'INC-42 restart web');
    assert.deepEqual(removal?.elevation, { id: opening?.elevation?.id, reason: 'INC-42 restart web' });
    assert.equal(removal?.confirmedBy, 'environment');

    await sleep(Date.parse(open[0].until) - Date.now() + 200);
    const after = await cli(['exec', '--', '--context', 'prod', 'rm', '-f', second], { DOCKER_GUARD_CONFIRM: 'prod' });
    assert.equal(after.code, 3, after.stderr);
    assert.ok(await exists(second));
    assert.deepEqual(await listed(), []);
    assert.ok((await auditLines()).some((line) => line.operation === 'elevation expire' && line.elevation?.id === opening?.elevation?.id));
  });

  it('elevate --end closes write access before its time, on a terminal with the typed name', async () => {
    const name = await container();
    const opened = await runOnTerminal(
      [process.execPath, cliPath, 'elevate', 'prod', '--for', '10m', '--reason', 'CHG-7'],
      [['Type its name', 'prod\n']],
      fixture.env,
    );
    assert.equal(opened.status, 0, opened.screen);
    assert.equal((await listed()).length, 1);
    assert.equal((await cli(['elevate', '--end', 'prod'])).code, 0);
    assert.deepEqual(await listed(), []);
    assert.equal((await cli(['exec', '--', '--context', 'prod', 'rm', '-f', name])).code, 3);
    assert.ok(await exists(name));
    assert.deepEqual(
      (await auditLines())
        .filter((line) => line.operation.startsWith('elevation'))
        .slice(-2)
        .map((line) => [line.operation, line.elevation?.reason]),
      [
        ['elevation open', 'CHG-7'],
        ['elevation end', 'CHG-7'],
      ],
    );
  });
});
