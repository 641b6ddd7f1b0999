/** describeCertificate against what openssl itself reads from certificates openssl made. */
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';

import { describeCertificate } from '../../../src/core/certificates/describeCertificate';
import { useTempDirs } from '../../support/tempDir';
import { openssl, opensslCa, opensslLeaf } from './opensslPki';

describe('certificates: describeCertificate', () => {
  const tempDir = useTempDirs('certs-describe');
  let caPem: string;
  let leafPem: string;
  let oddPem: string;

  before(async () => {
    const dir = await tempDir();
    const ca = await opensslCa(dir);
    caPem = await readFile(ca.certFile, 'utf8');
    const extensions = 'subjectAltName=DNS:engine.example,IP:127.11.2.3,IP:0:0:0:0:0:0:0:1\nextendedKeyUsage=serverAuth,clientAuth,codeSigning\n';
    ({ certPem: leafPem } = await opensslLeaf(dir, 'leaf', ca, 'rsa:2048', extensions));
    // A subject with a comma, which needs escaping in the one-line form.
    await openssl([
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-384',
      '-nodes',
      '-subj',
      '/C=DE/O=Acme, Inc/CN=odd',
      '-days',
      '1',
      '-keyout',
      path.join(dir, 'odd-key.pem'),
      '-out',
      path.join(dir, 'odd.pem'),
    ]);
    oddPem = await readFile(path.join(dir, 'odd.pem'), 'utf8');
  });

  it('gives names, SANs, serial, dates and fingerprint as openssl reads them', async () => {
    const details = describeCertificate(leafPem);
    assert.equal(details.subject, 'CN=leaf');
    assert.equal(details.issuer, 'CN=openssl-test-ca');
    assert.deepEqual(details.dnsNames, ['engine.example']);
    assert.deepEqual(details.ipAddresses, ['127.11.2.3', '::1']);
    const fields = await openssl(['x509', '-noout', '-serial', '-fingerprint', '-sha256', '-startdate', '-enddate'], leafPem);
    assert.match(fields, new RegExp(`^serial=${details.serialNumber}$`, 'm'));
    assert.match(fields, new RegExp(`^sha256 Fingerprint=${details.fingerprintSha256}$`, 'mi'));
    assert.equal(details.notBefore, new Date(/^notBefore=(.*)$/m.exec(fields)![1]).toISOString());
    assert.equal(details.notAfter, new Date(/^notAfter=(.*)$/m.exec(fields)![1]).toISOString());
    assert.match(details.notAfter, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
  });

  it('gives the key type and size, CA flag and extended key usages by name', () => {
    const leaf = describeCertificate(leafPem);
    assert.deepEqual(leaf.key, { type: 'rsa', bits: 2048 });
    assert.deepEqual([leaf.isCA, leaf.selfSigned], [false, false]);
    assert.deepEqual(leaf.extKeyUsage, ['serverAuth', 'clientAuth', 'codeSigning']);
    const ca = describeCertificate(caPem);
    assert.deepEqual(ca.key, { type: 'ec', curve: 'P-256' });
    assert.deepEqual([ca.isCA, ca.selfSigned], [true, true]);
    assert.equal(ca.extKeyUsage, null, 'no extension: any purpose');
  });

  it('writes names in RFC 4514 order with special characters escaped', () => {
    const odd = describeCertificate(oddPem);
    assert.equal(odd.subject, 'CN=odd, O=Acme\\, Inc, C=DE');
    assert.deepEqual(odd.key, { type: 'ec', curve: 'P-384' });
  });

  it('describes the first certificate of a bundle and refuses text without one', () => {
    assert.equal(describeCertificate(`${leafPem}${caPem}`).subject, 'CN=leaf');
    assert.throws(() => describeCertificate('not a certificate'));
  });
});
