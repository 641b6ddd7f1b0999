/**
 * The expiry warning's acknowledgements, over a memento that outlives the object (as globalState
 * outlives a window): an acknowledged warning is not news again for the same certificate until it
 * reaches a later stage; another certificate (a rotation) is news; entries of certificates that are
 * gone are dropped; whatever else the memento holds under the key is ignored.
 */
import * as assert from 'node:assert/strict';

import { entryKey, ExpiryAcknowledgements, type ExpiryStage, expiryStage } from '../../../src/core/certificates/expiryNotice';

class MapMemento {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, JSON.parse(JSON.stringify(value)));
  }
}

describe('certificates: expiry warning acknowledgements', () => {
  it('stages a count of days: none before the window, then the window, the last week, the last day, expired', () => {
    const days = [400, 31, 30, 8, 7, 6, 1, 0, -1, -30];
    assert.deepEqual(
      days.map((left) => expiryStage(left, 30)),
      [undefined, undefined, 'warning', 'warning', 'warning', 'lastWeek', 'lastWeek', 'lastDay', 'expired', 'expired'],
    );
    assert.deepEqual([expiryStage(3, 2), expiryStage(2, 2), expiryStage(0, 0)], [undefined, 'lastWeek', 'lastDay'], 'a short window');
  });

  it('is not news again after the acknowledgement, even in a new session, until a later stage or another certificate', async () => {
    const memento = new MapMemento();
    const first = new ExpiryAcknowledgements(memento);
    const current = new Set([entryKey('prod', 'AA'), entryKey('dev', 'BB')]);
    assert.equal(first.isNews('prod', 'AA', 'warning'), true);
    await first.acknowledge('prod', 'AA', 'warning', current);
    const nextSession = new ExpiryAcknowledgements(memento);
    const news = (name: string, fingerprint: string, stage: ExpiryStage) => nextSession.isNews(name, fingerprint, stage);
    assert.deepEqual([news('prod', 'AA', 'warning'), news('prod', 'AA', 'lastWeek'), news('prod', 'AA', 'expired')], [false, true, true]);
    assert.equal(news('prod', 'CC', 'warning'), true, 'a new certificate');
    assert.equal(news('dev', 'AA', 'warning'), true, 'another context');
    await nextSession.acknowledge('prod', 'AA', 'expired', current);
    assert.equal(news('prod', 'AA', 'lastDay'), false, 'an earlier stage after a later one');
  });

  it('drops the acknowledgements of certificates no longer current, and ignores a foreign value', async () => {
    const memento = new MapMemento();
    const acknowledgements = new ExpiryAcknowledgements(memento);
    await acknowledgements.acknowledge('prod', 'AA', 'warning', new Set([entryKey('prod', 'AA')]));
    await acknowledgements.acknowledge('prod', 'CC', 'warning', new Set([entryKey('prod', 'CC')]));
    assert.deepEqual(Object.keys(memento.get<object>('dockerContextGuard.expiryAcknowledged') ?? {}), [entryKey('prod', 'CC')]);
    for (const foreign of [null, 'text', 7, ['prod'], { [entryKey('prod', 'AA')]: 'later' }]) {
      await memento.update('dockerContextGuard.expiryAcknowledged', foreign);
      assert.equal(acknowledgements.isNews('prod', 'AA', 'warning'), true, JSON.stringify(foreign));
    }
  });
});
