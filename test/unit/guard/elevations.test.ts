/**
 * The elevation store can only close write access by what it distrusts: an expired, over-long
 * or future-dated entry, another endpoint, a file others can write or that is not a regular file.
 * And the policy: read-only production refuses every change unless elevated; an elevated context
 * is asked as any remote engine.
 */
import * as assert from 'node:assert/strict';
import { chmod, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

import { ElevationStore, formatDuration, parseDuration } from '../../../src/core/guard/elevations';
import { defaultGuardSettings, type GuardSettings, requiredConfirmation } from '../../../src/core/guard/guardPolicy';
import { guardStateDirectory } from '../../../src/core/stateDirectory';
import { useTempDirs } from '../../support/tempDir';

const prod = { name: 'prod', host: 'tcp://127.0.0.1:2376', tier: 'production' };

describe('elevations', () => {
  const tempDir = useTempDirs('elevations');
  const storeIn = async (maxSeconds = 3600) => new ElevationStore(path.join(await tempDir(), 'state', 'elevations.json'), () => maxSeconds);

  it('opens, is seen by another store on the same file, ends; the file is 0600', async () => {
    const store = await storeIn();
    const { elevation, previous } = await store.open(prod, '  INC-1  ', 60);
    assert.equal(previous, undefined);
    assert.equal(elevation.reason, 'INC-1');
    assert.equal((await stat(store.file)).mode & 0o777, 0o600);
    const other = new ElevationStore(store.file);
    assert.equal(other.openFor(prod)?.id, elevation.id);
    const again = await store.open(prod, 'INC-2', 120);
    assert.equal(again.previous?.id, elevation.id);
    assert.equal(store.read().open.length, 1);
    assert.equal((await store.end('prod')).ended?.reason, 'INC-2');
    assert.equal(other.openFor(prod), undefined);
  });

  it('is not open for another endpoint, after its until, or once the clock says so', async () => {
    const store = await storeIn();
    const { elevation } = await store.open(prod, 'x', 60);
    assert.equal(store.openFor({ ...prod, host: 'tcp://127.0.0.2:2376' }), undefined);
    assert.equal(store.openFor(prod, new Date(Date.parse(elevation.until) + 1)), undefined);
    assert.deepEqual(
      store.read(new Date(Date.parse(elevation.until) + 1)).closed.map((e) => e.id),
      [elevation.id],
    );
  });

  it('distrusts an edited file: longer than the maximum, starting in the future, malformed entries', async () => {
    const store = await storeIn(600);
    await store.open(prod, 'x', 60);
    const now = Date.now();
    const entry = (since: number, until: number, context = 'prod') => ({
      id: 'e',
      context,
      tier: 'production',
      endpoint: prod.host,
      reason: 'r',
      user: 'u',
      hostname: 'h',
      since: new Date(since).toISOString(),
      until: new Date(until).toISOString(),
    });
    await writeFile(
      store.file,
      JSON.stringify({ elevations: [entry(now, now + 3_600_000), entry(now + 3_600_000, now + 3_700_000), { context: 'prod' }, 'text'] }),
      { mode: 0o600 },
    );
    assert.deepEqual(store.read().open, []);
    await writeFile(store.file, JSON.stringify({ elevations: [entry(now, now + 300_000)] }));
    assert.equal(store.openFor(prod)?.id, 'e');
  });

  it('a file others can write, or a symlink, opens nothing (and cannot be changed through)', async () => {
    const store = await storeIn();
    await store.open(prod, 'x', 60);
    await chmod(store.file, 0o666);
    assert.equal(store.openFor(prod), undefined);
    assert.match(store.read().problem ?? '', /writable by others/);
    await assert.rejects(store.open(prod, 'y', 60), /cannot change the elevations/);
    await chmod(store.file, 0o600);
    const link = new ElevationStore(path.join(path.dirname(store.file), 'link.json'));
    await symlink(store.file, link.file);
    assert.equal(link.openFor(prod), undefined);
    assert.match(link.read().problem ?? '', /not a regular file/);
  });

  it('two processes opening at once both land (the lock)', async () => {
    const store = await storeIn();
    const other = new ElevationStore(store.file);
    await Promise.all([store.open(prod, 'a', 60), other.open({ ...prod, name: 'stage' }, 'b', 60), store.open({ ...prod, name: 'qa' }, 'c', 60)]);
    assert.deepEqual(
      store
        .read()
        .open.map((e) => e.context)
        .sort(),
      ['prod', 'qa', 'stage'],
    );
    assert.doesNotMatch((await readFile(store.file, 'utf8')).slice(0, 1), /[^{]/);
  });

  it('refuses no reason, a zero or over-long duration', async () => {
    const store = await storeIn(600);
    await assert.rejects(store.open(prod, ' ', 60), /needs a reason/);
    await assert.rejects(store.open(prod, 'x', 0), /more than 0 and at most 10m/);
    await assert.rejects(store.open(prod, 'x', 601), /at most 10m/);
  });

  it('durations as the CLI takes and says them', () => {
    assert.deepEqual(['90s', '15m', '1h', '1h30m', '2m5s', '0.5h'].map(parseDuration), [90, 900, 3600, 5400, 125, 1800]);
    assert.deepEqual(['', 'h', '15', 'm5', '-5m', '1d', '5 m'].map(parseDuration), Array(7).fill(undefined));
    assert.deepEqual([90, 900, 5400, 0].map(formatDuration), ['1m30s', '15m', '1h30m', '0s']);
  });

  it('lives in one state folder per user: the variable, XDG_STATE_HOME (absolute only), the platform folders', () => {
    assert.equal(guardStateDirectory({ DOCKER_CONTEXT_GUARD_STATE_DIR: '/s', HOME: '/h' }, 'linux'), '/s');
    assert.equal(guardStateDirectory({ XDG_STATE_HOME: '/x', HOME: '/h' }, 'linux'), '/x/docker-context-guard');
    assert.equal(guardStateDirectory({ XDG_STATE_HOME: 'rel', HOME: '/h' }, 'linux'), '/h/.local/state/docker-context-guard');
    assert.equal(guardStateDirectory({ HOME: '/h' }, 'darwin'), '/h/Library/Application Support/docker-context-guard');
  });
});

describe('the policy with read-only production and elevations', () => {
  const readOnly: GuardSettings = { ...defaultGuardSettings, production: 'readOnly' };
  const decide = (operationClass: 'read' | 'mutate' | 'destroy', tier: 'production' | 'staging', elevated: boolean, settings = readOnly) =>
    requiredConfirmation({ operationClass, tier, remote: true, elevated }, settings);

  it('read-only production refuses every change, passes reads; elevated, it asks a destroy with y/N and lets changes through', () => {
    assert.deepEqual(
      [decide('read', 'production', false), decide('mutate', 'production', false), decide('destroy', 'production', false)],
      ['none', 'refuse', 'refuse'],
    );
    assert.deepEqual([decide('mutate', 'production', true), decide('destroy', 'production', true)], ['none', 'confirm']);
    assert.equal(requiredConfirmation({ operationClass: 'mutate', tier: 'production', remote: false }, readOnly), 'refuse');
  });

  it('an elevated staging context runs its destroys unasked; typeName mode keeps the typed name', () => {
    assert.deepEqual([decide('destroy', 'staging', false), decide('destroy', 'staging', true)], ['confirm', 'none']);
    assert.equal(decide('destroy', 'production', false, { ...readOnly, production: 'typeName' }), 'typeName');
  });
});
