/**
 * The ledger of issued certificates (accessLedger.ts) as globalState hands it back: whatever was
 * stored (another version's shape, a hand edit, junk) yields only well-formed entries; issuing and
 * revoking keep every other entry as it was; a revocation keeps its first moment; Renew names the
 * successor. The ledger never holds a key: an entry carrying one loses it when read.
 */
import * as assert from 'node:assert/strict';

import { type LedgerEntry, ledgerOrder, parseLedger, withIssued, withRevoked } from '../../../src/core/access/accessLedger';

const entry = (name: string, serial: string, issuedAt: string): LedgerEntry => ({
  name,
  role: 'operator',
  serial,
  notAfter: '2031-01-01T00:00:00.000Z',
  issuedAt,
});

describe('access ledger', () => {
  it('reads only well-formed entries from whatever was stored, and drops anything else they carry', () => {
    const good = entry('alice', 'A1', '2030-01-01T00:00:00.000Z');
    const corpus: unknown[] = [undefined, null, 42, 'text', {}, { 0: good }, [null], [42], ['x'], [[good]]];
    for (const stored of corpus) assert.deepEqual(parseLedger(stored), [], JSON.stringify(stored));
    const mixed = [
      good,
      { ...good, serial: 7 },
      { ...good, name: undefined },
      { ...good, revokedAt: 5 },
      { ...good, renewedBy: {} },
      { ...good, serial: 'B2', keyPem: '-----BEGIN PRIVATE KEY-----', extra: true },
    ];
    assert.deepEqual(parseLedger(mixed), [good, { ...good, serial: 'B2' }]);
  });

  it('adds an entry, refusing a serial it already holds', () => {
    const first = entry('alice', 'A1', '2030-01-01T00:00:00.000Z');
    const second = entry('bob', 'B2', '2030-01-02T00:00:00.000Z');
    assert.deepEqual(withIssued([first], second), [first, second]);
    assert.throws(() => withIssued([first, second], { ...second, name: 'mallory' }), /already holds a certificate with serial B2/);
  });

  it('revokes one serial, keeps the first moment of revocation, names the successor, and refuses an unknown serial', () => {
    const first = entry('alice', 'A1', '2030-01-01T00:00:00.000Z');
    const second = entry('bob', 'B2', '2030-01-02T00:00:00.000Z');
    const once = withRevoked([first, second], 'A1', new Date('2030-02-01T00:00:00Z'));
    assert.deepEqual(once, [{ ...first, revokedAt: '2030-02-01T00:00:00.000Z' }, second]);
    const again = withRevoked(once, 'A1', new Date('2030-03-01T00:00:00Z'), 'C3');
    assert.deepEqual(again[0], { ...first, revokedAt: '2030-02-01T00:00:00.000Z', renewedBy: 'C3' });
    assert.deepEqual(parseLedger(JSON.parse(JSON.stringify(again))), again, 'what globalState stores reads back the same');
    assert.throws(() => withRevoked(once, 'FF', new Date()), /no certificate with serial FF/);
  });

  it('lists the newest grant first', () => {
    const entries = [entry('a', '1', '2030-01-01T00:00:00.000Z'), entry('c', '3', '2030-03-01T00:00:00.000Z'), entry('b', '2', '2030-02-01T00:00:00.000Z')];
    assert.deepEqual(
      ledgerOrder(entries).map((each) => each.name),
      ['c', 'b', 'a'],
    );
  });
});
