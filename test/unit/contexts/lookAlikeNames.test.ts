/**
 * Look-alike context names, as an attacker would hand them over: a Cyrillic о, a zero-width
 * space, full-width letters, a digit for a letter. Each reads as production to a person, so it
 * is production to the guard, whatever its own metadata claims; docker itself (the oracle for
 * which names are its own) refuses to create every one of the foreign ones.
 */
import * as assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

import { ContextStore } from '../../../src/core/contexts/contextStore';
import { isForeignName, nameSkeleton, withProductionLookAlikes } from '../../../src/core/contexts/lookAlikeNames';
import { securityFindings } from '../../../src/core/contexts/securityFindings';
import { compileTierRules, defaultTierRules } from '../../../src/core/contexts/tiers';
import { classifyDockerArgs } from '../../../src/core/guard/classifyDockerArgs';
import { resolveCommandTarget } from '../../../src/core/guard/dockerTarget';
import { defaultGuardSettings } from '../../../src/core/guard/guardPolicy';
import { dockerCli } from '../../support/dockerCli';
import { useTempDirs } from '../../support/tempDir';

const foreign = ['pr\u043ed', 'pro\u200bd', '\uff50\uff52\uff4f\uff44', 'pr\u00f3d', 'pr\u0301od', 'pro\u202ed'];

describe('look-alike context names', () => {
  const tempDir = useTempDirs('look-alike');

  it('docker refuses to create every foreign name, and we call them foreign', async () => {
    const docker = dockerCli(await tempDir());
    for (const name of foreign) {
      const result = await docker.run('context', 'create', name, '--docker', 'host=tcp://127.0.0.1:9');
      assert.notEqual(result.code, 0, `docker created ${JSON.stringify(name)}`);
      assert.ok(isForeignName(name), JSON.stringify(name));
    }
    assert.equal(isForeignName('prod-eu'), false);
  });

  it('each reads as "prod", and is production whatever its metadata says', () => {
    const tierOf = compileTierRules(defaultTierRules);
    for (const name of foreign) {
      assert.equal(nameSkeleton(name), 'prod', JSON.stringify(name));
      assert.equal(tierOf({ name, storedTier: 'local', transport: 'tcp' }).tier, 'production', JSON.stringify(name));
    }
    assert.equal(tierOf({ name: 'laptop', storedTier: 'local', transport: 'unix' }).tier, 'local');
    const settingsTier = compileTierRules({ ...defaultTierRules, tiers: { 'acme-main': 'production', '*': 'development' } });
    assert.equal(settingsTier({ name: 'acme-m\u0430in', storedTier: null, transport: 'tcp' }).tier, 'production');
  });

  it("a docker-made name that imitates a production context's name is production too", () => {
    const listed = withProductionLookAlikes([
      { name: 'prod-eu', tier: 'production' as const, tierSource: 'name' as const },
      { name: 'pr0d-eu', tier: 'development' as const, tierSource: 'transport' as const },
      { name: 'dev-eu', tier: 'development' as const, tierSource: 'transport' as const },
    ]);
    assert.deepEqual(
      listed.map((context) => context.tier),
      ['production', 'production', 'development'],
    );
  });

  it("the guard weighs a foreign meta.json's look-alike as production and the findings say so", async () => {
    const configDir = await tempDir();
    const docker = dockerCli(configDir);
    await docker.ok('context', 'create', 'template', '--docker', 'host=tcp://127.0.0.1:9');
    const store = new ContextStore(configDir);
    const meta = JSON.parse(await readFile(store.metaFileOf('template'), 'utf8')) as { Name: string };
    const name = 'pr\u043ed';
    await mkdir(path.dirname(store.metaFileOf(name)), { recursive: true });
    await writeFile(store.metaFileOf(name), JSON.stringify({ ...meta, Name: name, Metadata: { DockerContextGuard: { tier: 'local' } } }));
    const env = { PATH: process.env.PATH, HOME: await tempDir(), DOCKER_CONFIG: configDir };
    const target = await resolveCommandTarget(classifyDockerArgs(['--context', name, 'rm', 'x']), env, defaultGuardSettings);
    assert.equal(target.context?.tier, 'production');
    assert.match(securityFindings(target.context!)[0].message, /Docker never makes a context named "pr\u043ed".*reads as "prod"/);
    // And a docker-made imitation of an existing production context.
    await docker.ok('context', 'create', 'prod-eu', '--docker', 'host=tcp://127.0.0.1:9');
    await docker.ok('context', 'create', 'pr0d-eu', '--docker', 'host=tcp://127.0.0.1:9');
    const imitation = await resolveCommandTarget(classifyDockerArgs(['--context', 'pr0d-eu', 'rm', 'x']), env, defaultGuardSettings);
    assert.equal(imitation.context?.tier, 'production');
  });
});
