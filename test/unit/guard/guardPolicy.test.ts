/** The policy matrix (class × tier × local/remote × settings), and the settings as they travel to terminals. */
import * as assert from 'node:assert/strict';

import type { Tier } from '../../../src/core/contexts/tiers';
import type { OperationClass } from '../../../src/core/guard/guard';
import { type Confirmation, defaultGuardSettings, type GuardSettings, requiredConfirmation } from '../../../src/core/guard/guardPolicy';
import { guardSettingsFromEnv, guardSettingsToEnv } from '../../../src/core/guard/guardSettingsEnv';
import { sharedEnv } from '../../../src/core/sharedEnvironment';

const classes: OperationClass[] = ['read', 'mutate', 'destroy'];

/** Expected confirmation per [tier][remote?][class], with the default settings (production read-only). */
const defaults: Record<Tier, Record<'remote' | 'local', Record<OperationClass, Confirmation>>> = {
  production: {
    remote: { read: 'none', mutate: 'refuse', destroy: 'refuse' },
    local: { read: 'none', mutate: 'refuse', destroy: 'refuse' },
  },
  staging: {
    remote: { read: 'none', mutate: 'none', destroy: 'confirm' },
    local: { read: 'none', mutate: 'none', destroy: 'none' },
  },
  development: {
    remote: { read: 'none', mutate: 'none', destroy: 'confirm' },
    local: { read: 'none', mutate: 'none', destroy: 'none' },
  },
  local: {
    remote: { read: 'none', mutate: 'none', destroy: 'confirm' },
    local: { read: 'none', mutate: 'none', destroy: 'none' },
  },
};

const decide = (operationClass: OperationClass, tier: Tier, remote: boolean, settings: Partial<GuardSettings> = {}) =>
  requiredConfirmation({ operationClass, tier, remote }, { ...defaultGuardSettings, ...settings });

describe('guard policy', () => {
  it('with the default settings', () => {
    for (const [tier, byPlace] of Object.entries(defaults) as [Tier, (typeof defaults)[Tier]][]) {
      for (const place of ['remote', 'local'] as const) {
        for (const cls of classes) assert.equal(decide(cls, tier, place === 'remote'), byPlace[place][cls], `${cls} on ${place} ${tier}`);
      }
    }
  });

  it('reads are never guarded, whatever the settings', () => {
    const strictest = { includeLocal: true, confirmMutateOnProduction: true, typeNameOnProduction: true };
    for (const tier of ['production', 'staging', 'development', 'local'] as const) {
      assert.equal(decide('read', tier, true, strictest), 'none');
      assert.equal(decide('read', tier, false, strictest), 'none');
    }
  });

  it('typeName mode: production asks, the typed name for a destroy, wherever its socket is', () => {
    for (const remote of [true, false]) {
      assert.equal(decide('mutate', 'production', remote, { production: 'typeName' }), 'confirm');
      assert.equal(decide('destroy', 'production', remote, { production: 'typeName' }), 'typeName');
    }
  });

  it('includeLocal guards local engines like remote ones', () => {
    assert.equal(decide('destroy', 'local', false, { includeLocal: true }), 'confirm');
    assert.equal(decide('destroy', 'development', false, { includeLocal: true }), 'confirm');
    assert.equal(decide('mutate', 'local', false, { includeLocal: true }), 'none');
  });

  it('confirmMutateOnProduction off: changes on production go ahead, destroying still asks', () => {
    assert.equal(decide('mutate', 'production', true, { production: 'typeName', confirmMutateOnProduction: false }), 'none');
    assert.equal(decide('destroy', 'production', true, { production: 'typeName', confirmMutateOnProduction: false }), 'typeName');
  });

  it('typeNameOnProduction off: y/N on production too', () => {
    assert.equal(decide('destroy', 'production', true, { production: 'typeName', typeNameOnProduction: false }), 'confirm');
    assert.equal(decide('mutate', 'production', true, { production: 'typeName', typeNameOnProduction: false }), 'confirm');
  });
});

describe('guard settings in the environment', () => {
  it('round-trips', () => {
    const settings: GuardSettings = {
      confirmMutateOnProduction: false,
      includeLocal: true,
      typeNameOnProduction: false,
      graceSeconds: 30,
      production: 'readOnly',
      maxElevationMinutes: 60,
    };
    assert.deepEqual(guardSettingsFromEnv({ [sharedEnv.guardSettings]: guardSettingsToEnv(settings) }), settings);
  });

  it('gives the defaults when absent or unreadable', () => {
    for (const value of [undefined, '', 'not json', 'null', '42', '[]', '"text"']) {
      assert.deepEqual(guardSettingsFromEnv({ [sharedEnv.guardSettings]: value }), defaultGuardSettings, String(value));
    }
  });

  it('checks each field on its own: a bad one falls back to its default, never to "no guard"', () => {
    const parsed = guardSettingsFromEnv({
      [sharedEnv.guardSettings]: JSON.stringify({ includeLocal: 'yes', typeNameOnProduction: false, confirmMutateOnProduction: 0, graceSeconds: -5 }),
    });
    assert.deepEqual(parsed, { ...defaultGuardSettings, typeNameOnProduction: false });
    assert.equal(guardSettingsFromEnv({ [sharedEnv.guardSettings]: '{"graceSeconds":1e9}' }).graceSeconds, 86_400);
    assert.equal(guardSettingsFromEnv({ [sharedEnv.guardSettings]: '{"graceSeconds":"60"}' }).graceSeconds, 0);
  });
});
