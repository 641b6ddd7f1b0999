/**
 * The one day count and its words, against openssl's own arithmetic: `openssl x509 -checkend S`
 * tells whether a certificate ends within S seconds, so a certificate with d whole days left
 * ends after d days and within d + 1. Certificates end at odd offsets, either side of now.
 */
import * as assert from 'node:assert/strict';

import { generateCertificateSet } from '../../../src/core/certificates/certificateSet';
import { describeCertificate } from '../../../src/core/certificates/describeCertificate';
import { daysUntil, relativeDays } from '../../../src/core/text/relativeDays';
import { runProcess } from '../../support/runProcess';

const dayMs = 86_400_000;

/** openssl: does the certificate end within `seconds` (negative: did it end that long ago)? */
async function endsWithin(certPem: string, seconds: number): Promise<boolean> {
  const result = await runProcess('openssl', ['x509', '-noout', '-checkend', String(seconds)], { input: certPem });
  assert.ok(result.code === 0 || result.code === 1, result.stderr);
  return result.code === 1;
}

describe('text: relativeDays', () => {
  it('counts the whole days openssl counts, for certificates ending either side of now', async function () {
    this.timeout(60_000);
    // Lifetimes in days, issued so that they end this many hours from now (the 5-minute backdate aside).
    const endsInHours = [-73, -49, -25, -23, -1, 1, 23, 25, 47, 49, 71.5, 24 * 30 + 5];
    for (const hours of endsInHours) {
      const now = new Date(Date.now() + hours * 3_600_000 - 30 * dayMs);
      const { client } = await generateCertificateSet({ host: '127.0.0.1', keyType: 'ecdsa-p256', days: 30, caDays: 400, now });
      const { notAfter } = describeCertificate(client.certPem);
      const checked = new Date();
      const days = daysUntil(notAfter, checked);
      const seconds = (n: number) => Math.round(n * 86_400 - (Date.now() - checked.getTime()) / 1000);
      if (days >= 0) {
        assert.equal(await endsWithin(client.certPem, seconds(days)), false, `${hours} h: more than ${days} days left`);
        assert.equal(await endsWithin(client.certPem, seconds(days + 1)), true, `${hours} h: at most ${days + 1} days left`);
      } else {
        assert.equal(await endsWithin(client.certPem, 0), true, `${hours} h: expired`);
      }
      const words = relativeDays(notAfter, checked);
      const figure = Number(/\d+/.exec(words)?.[0] ?? 0);
      assert.equal(days >= 0 ? figure : -figure - 1, days, `${hours} h: "${words}" says ${days}`);
      assert.match(words, days >= 0 ? /^in / : / ago$/);
    }
  });

  it('speaks of the day itself, one day, and many', () => {
    const now = new Date('2026-06-01T12:00:00Z');
    const at = (hours: number) => relativeDays(new Date(now.getTime() + hours * 3_600_000), now);
    assert.deepEqual(
      [at(5), at(24), at(50), at(-5), at(-30), at(-75)],
      ['in less than a day', 'in 1 day', 'in 2 days', 'less than a day ago', '1 day ago', '3 days ago'],
    );
  });
});
