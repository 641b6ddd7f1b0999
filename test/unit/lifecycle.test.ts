import * as assert from 'node:assert/strict';

import { DisposableStore } from '../../src/core/lifecycle';

describe('DisposableStore', () => {
  it('disposes what it owns once, newest first', () => {
    const order: string[] = [];
    const store = new DisposableStore();
    store.register({ dispose: () => order.push('first') });
    store.register({ dispose: () => order.push('second') });
    store.dispose();
    store.dispose();
    assert.deepEqual(order, ['second', 'first']);
  });

  it('disposes everything even when one disposable throws, then reports the failure', () => {
    const order: string[] = [];
    const store = new DisposableStore();
    store.register({ dispose: () => order.push('survivor') });
    store.register({
      dispose: () => {
        throw new Error('boom');
      },
    });
    assert.throws(() => store.dispose(), /boom/);
    assert.deepEqual(order, ['survivor']);
  });

  it('refuses new registrations after disposal and disposes the newcomer', () => {
    const store = new DisposableStore();
    store.dispose();
    let disposed = false;
    assert.throws(() => store.register({ dispose: () => (disposed = true) }), /disposed owner/);
    assert.equal(disposed, true);
  });
});
