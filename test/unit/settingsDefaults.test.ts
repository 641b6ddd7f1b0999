/**
 * The defaults package.json shows in the Settings editor are the ones the core falls back to (the
 * CLI and the terminal guard have no Settings editor): one value, stated twice, kept equal here.
 */
import * as assert from 'node:assert/strict';

import { defaultCaDays, defaultDays } from '../../src/core/certificates/certificateSet';
import { defaultKeyType } from '../../src/core/certificates/keyTypes';
import { defaultProductionPatterns } from '../../src/core/contexts/tiers';
import { defaultEngineTimeouts } from '../../src/core/engine/engineTimeouts';
import { defaultGuardSettings } from '../../src/core/guard/guardPolicy';
import { manifestSettings } from '../support/manifestSettings';

describe('settings defaults', () => {
  const properties = manifestSettings();
  const defaultOf = (key: string) => {
    assert.ok(`dockerContextGuard.${key}` in properties, `no setting dockerContextGuard.${key}`);
    return properties[`dockerContextGuard.${key}`].default;
  };

  it('package.json states the defaults the core uses', () => {
    assert.deepEqual(
      {
        connectMs: 1000 * (defaultOf('engine.connectTimeoutSeconds') as number),
        requestMs: 1000 * (defaultOf('engine.requestTimeoutSeconds') as number),
      },
      defaultEngineTimeouts,
    );
    assert.deepEqual(Object.fromEntries(Object.keys(defaultGuardSettings).map((key) => [key, defaultOf(`guard.${key}`)])), defaultGuardSettings);
    assert.deepEqual(defaultOf('productionPatterns'), defaultProductionPatterns);
    assert.deepEqual(
      [defaultOf('certificates.keyType'), defaultOf('certificates.days'), defaultOf('certificates.caDays')],
      [defaultKeyType, defaultDays, defaultCaDays],
    );
  });
});
