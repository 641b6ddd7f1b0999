import * as assert from 'node:assert/strict';

import { defaultTierRules, resolveTier, type TierInput } from '../../../src/core/contexts/tiers';

const context = (name: string, overrides: Partial<TierInput> = {}): TierInput => ({ name, storedTier: null, transport: 'tcp', ...overrides });

describe('tiers', () => {
  it('takes the tier stored in the context first', () => {
    const rules = { tiers: { 'prod*': 'production' as const }, productionPatterns: defaultTierRules.productionPatterns };
    assert.deepEqual(resolveTier(context('prod-eu', { storedTier: 'staging' }), rules), { tier: 'staging', tierSource: 'metadata' });
  });

  it('then the settings table, with globs, first match wins', () => {
    const rules = { tiers: { 'stage-?': 'staging' as const, '*': 'development' as const }, productionPatterns: [] };
    assert.deepEqual(resolveTier(context('stage-1'), rules), { tier: 'staging', tierSource: 'setting' });
    assert.deepEqual(resolveTier(context('stage-12'), rules), { tier: 'development', tierSource: 'setting' });
  });

  it('then production name patterns, matching whole words only', () => {
    for (const name of ['prod', 'prod-eu', 'api.production', 'PRD_2', 'eu-live']) {
      assert.equal(resolveTier(context(name), defaultTierRules).tier, 'production', name);
    }
    for (const name of ['product-demo', 'liveliness', 'reproduce', 'sprdx']) {
      assert.equal(resolveTier(context(name), defaultTierRules).tier, 'development', name);
    }
  });

  it('then staging names, as words, below production names', () => {
    for (const name of ['staging', 'stage-eu', 'eu.stg', 'UAT_2', 'preprod']) {
      assert.deepEqual(resolveTier(context(name), defaultTierRules), { tier: 'staging', tierSource: 'name' }, name);
    }
    for (const name of ['backstage', 'stagecoach', 'uatx', 'mustang']) assert.equal(resolveTier(context(name), defaultTierRules).tier, 'development', name);
    for (const name of ['prod-staging', 'pre-prod-1']) assert.equal(resolveTier(context(name), defaultTierRules).tier, 'production', name);
  });

  it('then the transport: sockets are local, everything else remote is development', () => {
    assert.deepEqual(resolveTier(context('laptop', { transport: 'unix' }), defaultTierRules), { tier: 'local', tierSource: 'transport' });
    assert.equal(resolveTier(context('win', { transport: 'npipe' }), defaultTierRules).tier, 'local');
    assert.equal(resolveTier(context('box', { transport: 'ssh' }), defaultTierRules).tier, 'development');
  });

  it('ignores a production pattern that is not a valid regular expression', () => {
    assert.equal(resolveTier(context('prod'), { tiers: {}, productionPatterns: ['(', 'prod'] }).tier, 'production');
  });
});
