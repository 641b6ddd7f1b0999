/** The grace period: a recent confirmation of the same operation on the same context and endpoint, strong enough. */
import * as assert from 'node:assert/strict';

import type { AuditRecord } from '../../../src/core/audit/auditRecord';
import type { ListedContext } from '../../../src/core/contexts/contextList';
import { confirmedWithinGrace } from '../../../src/core/guard/grace';
import type { GuardRequest } from '../../../src/core/guard/guard';

const now = new Date('2030-01-01T12:00:00Z');
const secondsAgo = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

const record = (overrides: Partial<AuditRecord> = {}): AuditRecord => ({
  time: secondsAgo(10),
  user: 'me',
  hostname: 'box',
  context: 'prod-eu',
  endpoint: 'ssh://ops@prod-1',
  tier: 'production',
  source: 'terminal',
  operation: 'container rm',
  class: 'destroy',
  targets: ['web'],
  outcome: 'done',
  confirmedBy: 'typedName',
  ...overrides,
});

const request = {
  context: { name: 'prod-eu', host: 'ssh://ops:pw@prod-1' } as ListedContext,
  operation: 'container rm',
  operationClass: 'destroy',
  targets: ['other'],
  source: 'terminal',
} satisfies GuardRequest;

describe('grace period', () => {
  it('skips the question after a matching confirmation within the period (endpoint compared without credentials)', () => {
    assert.equal(confirmedWithinGrace([record()], request, 'typeName', 60, now), true);
    assert.equal(confirmedWithinGrace([record({ source: 'ui', outcome: 'failed' })], request, 'typeName', 60, now), true);
  });

  it('not when the period is 0, over, or the record is in the future', () => {
    assert.equal(confirmedWithinGrace([record()], request, 'typeName', 0, now), false);
    assert.equal(confirmedWithinGrace([record({ time: secondsAgo(61) })], request, 'typeName', 60, now), false);
    assert.equal(confirmedWithinGrace([record({ time: secondsAgo(-5) })], request, 'typeName', 60, now), false);
  });

  it('not for another context, endpoint or operation, a refusal, or a request that needed no confirmation', () => {
    for (const other of [
      record({ context: 'prod-us' }),
      record({ endpoint: 'ssh://ops@prod-2' }),
      record({ operation: 'container rm --volumes' }),
      record({ outcome: 'declined' }),
      record({ confirmedBy: undefined }),
      record({ confirmedBy: 'grace' }),
    ]) {
      assert.equal(confirmedWithinGrace([other], request, 'confirm', 60, now), false, JSON.stringify(other));
    }
  });

  it('a y/N answer does not stand for a typed name; a typed name stands for a y/N', () => {
    assert.equal(confirmedWithinGrace([record({ confirmedBy: 'answer' })], request, 'typeName', 60, now), false);
    assert.equal(confirmedWithinGrace([record({ confirmedBy: 'answer' })], request, 'confirm', 60, now), true);
    assert.equal(confirmedWithinGrace([record({ confirmedBy: 'environment' })], request, 'typeName', 60, now), true);
  });
});
