/**
 * The one confirmation policy with a stand-in asker (the UI's modal and the terminal's question
 * are tested where they live): nothing asked when nothing is needed, grace before anything else,
 * and the person's answer as given.
 */
import * as assert from 'node:assert/strict';

import { auditRecordOf } from '../../../src/core/audit/auditRecord';
import type { ListedContext } from '../../../src/core/contexts/contextList';
import { type ConfirmationAsker, confirmationPolicy } from '../../../src/core/guard/confirmationPolicy';
import type { ConfirmationMethod, GuardRequest } from '../../../src/core/guard/guard';
import { defaultGuardSettings, type GuardSettings } from '../../../src/core/guard/guardPolicy';

/** The typed-name mode: production asks (the read-only default refuses before asking: elevations.test.ts). */
const typeNameSettings: GuardSettings = { ...defaultGuardSettings, production: 'typeName' };

const context = (tier: ListedContext['tier'], transport: ListedContext['transport'] = 'tls') =>
  ({ name: `${tier}-ctx`, host: 'tcp://h:2376', transport, tier, tierSource: 'setting' }) as ListedContext;
const request = (tier: ListedContext['tier'], operationClass: GuardRequest['operationClass'] = 'destroy'): GuardRequest => ({
  context: context(tier),
  operation: 'container rm',
  operationClass,
  targets: ['web'],
  source: 'terminal',
});

function recordingAsker(answer: ConfirmationMethod | undefined): ConfirmationAsker & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    ask: async (_request, needed) => {
      asked.push(needed);
      return answer;
    },
  };
}

describe('confirmation policy', () => {
  it('asks nothing for a read, or a change on a remote development engine', async () => {
    const asker = recordingAsker(undefined);
    const policy = confirmationPolicy({ settings: () => typeNameSettings, asker });
    assert.deepEqual(await policy(request('production', 'read')), { allowed: true });
    assert.deepEqual(await policy(request('development', 'mutate')), { allowed: true });
    assert.deepEqual(asker.asked, []);
  });

  it('asks y/N for a remote destroy, the typed name on production, and takes the answer as given', async () => {
    const yes = recordingAsker('answer');
    assert.deepEqual(await confirmationPolicy({ settings: () => typeNameSettings, asker: yes })(request('development')), {
      allowed: true,
      confirmedBy: 'answer',
    });
    const no = recordingAsker(undefined);
    assert.deepEqual(await confirmationPolicy({ settings: () => typeNameSettings, asker: no })(request('production')), { allowed: false });
    assert.deepEqual([yes.asked, no.asked], [['confirm'], ['typeName']]);
  });

  it('grace comes first, and only a typed name stands for a typed name', async () => {
    const settings = () => ({ ...typeNameSettings, graceSeconds: 60 });
    const earlier = (confirmedBy: ConfirmationMethod) => [auditRecordOf({ request: request('production'), outcome: 'done', confirmedBy })!];
    const asker = recordingAsker(undefined);
    assert.deepEqual(await confirmationPolicy({ settings, recentRecords: () => earlier('typedName'), asker })(request('production')), {
      allowed: true,
      confirmedBy: 'grace',
    });
    assert.deepEqual(await confirmationPolicy({ settings, recentRecords: () => earlier('answer'), asker })(request('production')), { allowed: false });
    assert.deepEqual(asker.asked, ['typeName']);
  });
});
