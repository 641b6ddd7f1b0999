/**
 * The guard is the single entry point of every mutating engine action: these tests pin down
 * that a declined request performs nothing at all, and that an allowed one performs once.
 */
import * as assert from 'node:assert/strict';

import { Guard, GuardDeclined, type GuardPolicy, type GuardRequest } from '../../../src/core/guard/guard';
import { listedContext } from '../../support/listedContext';

const context = listedContext({ name: 'prod-eu', host: 'tcp://127.10.0.1:2376', transport: 'tls', tier: 'production' });

const request: GuardRequest = { context, operation: 'container stop', operationClass: 'destroy', targets: ['web-1', 'web-2'], source: 'ui' };

describe('Guard', () => {
  it('performs nothing when the policy declines, and says so with GuardDeclined', async () => {
    const asked: GuardRequest[] = [];
    const decline: GuardPolicy = async (seen) => {
      asked.push(seen);
      return false;
    };
    const performed: string[] = [];
    const guard = new Guard(decline);
    await assert.rejects(
      guard.run(request, async () => performed.push('stop')),
      (error: unknown) => error instanceof GuardDeclined && error.request === request,
    );
    assert.deepEqual(performed, []);
    assert.deepEqual(asked, [request]);
    assert.deepEqual(guard.recent, [request]);
  });

  it('performs once, after the policy allowed it, and returns what the action returned', async () => {
    const order: string[] = [];
    const guard = new Guard(async () => {
      order.push('asked');
      return true;
    });
    const result = await guard.run(request, async () => {
      order.push('performed');
      return 42;
    });
    assert.equal(result, 42);
    assert.deepEqual(order, ['asked', 'performed']);
  });

  it('keeps only the latest 100 requests', async () => {
    const guard = new Guard(async () => true);
    for (let i = 0; i < 105; i++) await guard.run({ ...request, targets: [`c${i}`] }, async () => undefined);
    assert.equal(guard.recent.length, 100);
    assert.deepEqual(guard.recent[0].targets, ['c5']);
    assert.deepEqual(guard.recent[99].targets, ['c104']);
  });
});
