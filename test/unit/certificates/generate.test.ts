/** The certificate generator, judged by openssl (an independent X.509 implementation) and Node. */
import * as assert from 'node:assert/strict';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import { certificateOptionsProblem, type CertificateSet, generateCertificateSet, issueClientCertificate } from '../../../src/core/certificates/certificateSet';
import { describeCertificate } from '../../../src/core/certificates/describeCertificate';
import { useTempDirs } from '../../support/tempDir';
import { openssl, opensslCa, opensslText, opensslVerify } from './opensslPki';

const dayMs = 86_400_000;

describe('certificates: generateCertificateSet', () => {
  const tempDir = useTempDirs('certs-generate');
  let ecSet: CertificateSet;
  let rsaSet: CertificateSet;
  const steps: string[] = [];

  before(async () => {
    [ecSet, rsaSet] = await Promise.all([
      generateCertificateSet({
        host: 'docker.example.com',
        ipAddresses: ['127.10.0.5', '::1'],
        dnsNames: ['build-1'],
        keyType: 'ecdsa-p256',
        onProgress: (step) => steps.push(step),
      }),
      generateCertificateSet({ host: '127.192.2.7', keyType: 'rsa2048', days: 30, caDays: 60 }),
    ]);
  });

  it('makes a chain openssl verifies strictly: server for sslserver, client for sslclient', async () => {
    for (const set of [ecSet, rsaSet]) {
      const dir = await tempDir();
      assert.match(await opensslVerify(dir, set.ca.certPem, set.server.certPem, 'sslserver'), /: OK$/m);
      assert.match(await opensslVerify(dir, set.ca.certPem, set.client.certPem, 'sslclient'), /: OK$/m);
      await assert.rejects(opensslVerify(dir, set.ca.certPem, set.server.certPem, 'sslclient'));
      await assert.rejects(opensslVerify(dir, set.ca.certPem, set.client.certPem, 'sslserver'));
    }
  });

  it('gives the CA critical CA:TRUE and keyCertSign/cRLSign, and a subject key identifier', async () => {
    const text = await opensslText(ecSet.ca.certPem);
    assert.match(text, /X509v3 Basic Constraints: critical\s+CA:TRUE/);
    assert.match(text, /X509v3 Key Usage: critical\s+Certificate Sign, CRL Sign\n/);
    assert.match(text, /X509v3 Subject Key Identifier:/);
    assert.match(text, /Signature Algorithm: ecdsa-with-SHA256/);
  });

  it('gives leaves CA:FALSE, the key usages of their key type, serverAuth/clientAuth and the authority key identifier', async () => {
    const ecServer = await opensslText(ecSet.server.certPem);
    assert.match(ecServer, /X509v3 Basic Constraints: critical\s+CA:FALSE/);
    assert.match(ecServer, /X509v3 Key Usage: critical\s+Digital Signature\n/);
    assert.match(ecServer, /X509v3 Extended Key Usage:\s*\n\s+TLS Web Server Authentication\n/);
    const rsaClient = await opensslText(rsaSet.client.certPem);
    assert.match(rsaClient, /X509v3 Key Usage: critical\s+Digital Signature, Key Encipherment\n/);
    assert.match(rsaClient, /X509v3 Extended Key Usage:\s*\n\s+TLS Web Client Authentication\n/);
    assert.match(rsaClient, /Signature Algorithm: sha256WithRSAEncryption/);
    const caKeyId = /Subject Key Identifier:\s*\n\s+([0-9A-F:]+)/.exec(await opensslText(rsaSet.ca.certPem))?.[1];
    assert.ok(caKeyId);
    assert.match(rsaClient, new RegExp(`Authority Key Identifier:\\s*\\n\\s+(keyid:)?${caKeyId}`));
  });

  it('covers the host and the extra names, sorting DNS names from IP addresses', () => {
    const server = describeCertificate(ecSet.server.certPem);
    assert.deepEqual(server.dnsNames, ['docker.example.com', 'build-1']);
    assert.deepEqual(server.ipAddresses, ['127.10.0.5', '::1']);
    assert.equal(server.subject, 'CN=docker.example.com, O=Docker Context Guard');
    const ipHost = describeCertificate(rsaSet.server.certPem);
    assert.deepEqual([ipHost.dnsNames, ipHost.ipAddresses], [[], ['127.192.2.7']]);
    assert.equal(new X509Certificate(rsaSet.server.certPem).checkIP('127.192.2.7'), '127.192.2.7');
    assert.equal(new X509Certificate(ecSet.server.certPem).checkHost('docker.example.com'), 'docker.example.com');
  });

  it('uses the asked key type for all three keys, PKCS#8 PEM that openssl reads', async () => {
    for (const pair of [ecSet.ca, ecSet.server, ecSet.client]) {
      assert.deepEqual(describeCertificate(pair.certPem).key, { type: 'ec', curve: 'P-256' });
      assert.match(pair.keyPem, /^-----BEGIN PRIVATE KEY-----\n/);
      assert.ok(new X509Certificate(pair.certPem).checkPrivateKey(createPrivateKey(pair.keyPem)));
    }
    assert.deepEqual(describeCertificate(rsaSet.client.certPem).key, { type: 'rsa', bits: 2048 });
    assert.match(await openssl(['pkey', '-noout', '-text'], rsaSet.server.keyPem), /Private-Key: \(2048 bit/);
  });

  it('makes leaves live `days` and the CA `caDays`, from 5 minutes before now', () => {
    const ca = describeCertificate(rsaSet.ca.certPem);
    const client = describeCertificate(rsaSet.client.certPem);
    const lifetime = (details: { notBefore: string; notAfter: string }) => (Date.parse(details.notAfter) - Date.parse(details.notBefore)) / dayMs;
    assert.ok(Math.abs(lifetime(client) - 30) < 0.01, `client lives ${lifetime(client)} days`);
    assert.ok(Math.abs(lifetime(ca) - 60) < 0.01, `CA lives ${lifetime(ca)} days`);
    const backdate = Date.now() - Date.parse(client.notBefore);
    assert.ok(backdate > 4 * 60_000 && backdate < 6 * 60_000, `backdated ${backdate} ms`);
  });

  it('gives every certificate a random positive 16-byte serial number', () => {
    const serials = [ecSet.ca, ecSet.server, ecSet.client, rsaSet.ca].map((pair) => describeCertificate(pair.certPem).serialNumber);
    assert.equal(new Set(serials).size, serials.length);
    for (const serial of serials) assert.match(serial, /^[0-7][0-9A-F]{31}$/);
  });

  it('reports its steps for a progress indicator', () => {
    assert.deepEqual(steps, [
      'Generating 3 ECDSA P-256 keys',
      'Generated 1 of 3 ECDSA P-256 keys',
      'Generated 2 of 3 ECDSA P-256 keys',
      'Generated 3 of 3 ECDSA P-256 keys',
      'Signing the certificates',
    ]);
  });

  it('makes 4096-bit RSA keys by default, 90-day leaves and a 365-day CA', async () => {
    const set = await generateCertificateSet({ host: 'default.example' });
    const client = describeCertificate(set.client.certPem);
    assert.deepEqual(client.key, { type: 'rsa', bits: 4096 });
    assert.equal(Math.round((Date.parse(client.notAfter) - Date.now()) / dayMs), 90);
    assert.equal(Math.round((Date.parse(describeCertificate(set.ca.certPem).notAfter) - Date.now()) / dayMs), 365);
  });

  it('says what is wrong with options, and refuses to generate with them', async () => {
    assert.equal(certificateOptionsProblem({ host: 'ok.example', ipAddresses: ['fe80::1'] }), undefined);
    assert.match(certificateOptionsProblem({ host: 'not a host' }) ?? '', /neither an IP address nor a valid DNS name/);
    assert.match(certificateOptionsProblem({ host: 'h', ipAddresses: ['fe80::1%eth0'] }) ?? '', /zone/);
    assert.match(certificateOptionsProblem({ host: 'h', days: 400, caDays: 365 }) ?? '', /at least as long/);
    assert.match(certificateOptionsProblem({ host: 'h', days: 0 }) ?? '', /at least 1/);
    assert.match(certificateOptionsProblem({ host: 'h', days: 1.5 }) ?? '', /whole number/);
    await assert.rejects(generateCertificateSet({ host: '-bad-', keyType: 'ecdsa-p256' }), /valid DNS name/);
  });

  describe('issueClientCertificate (rotation)', () => {
    it('issues a new client certificate and key from the stored CA, of the CA key type', async () => {
      const rotated = await issueClientCertificate(ecSet.ca, { clientName: 'laptop' });
      const details = describeCertificate(rotated.certPem);
      assert.equal(details.subject, 'CN=laptop, O=Docker Context Guard');
      assert.deepEqual(details.key, { type: 'ec', curve: 'P-256' });
      assert.notEqual(rotated.keyPem, ecSet.client.keyPem);
      assert.match(await opensslVerify(await tempDir(), ecSet.ca.certPem, rotated.certPem, 'sslclient'), /: OK$/m);
    });

    it('signs with a CA openssl made, copying its Name and key identifier as they are', async () => {
      const dir = await tempDir();
      const ca = await opensslCa(dir);
      const caPem = await readFile(ca.certFile, 'utf8');
      const rotated = await issueClientCertificate({ certPem: caPem, keyPem: await readFile(ca.keyFile, 'utf8') });
      assert.match(await opensslVerify(dir, caPem, rotated.certPem, 'sslclient'), /: OK$/m);
      const caKeyId = /Subject Key Identifier:\s*\n\s+([0-9A-F:]+)/.exec(await opensslText(caPem))?.[1];
      assert.ok(caKeyId);
      assert.match(await opensslText(rotated.certPem), new RegExp(`Authority Key Identifier:\\s*\\n\\s+(keyid:)?${caKeyId}`));
    });

    it('never outlives the CA', async () => {
      const rotated = await issueClientCertificate(rsaSet.ca, { days: 90, keyType: 'ecdsa-p256' });
      assert.equal(describeCertificate(rotated.certPem).notAfter, describeCertificate(rsaSet.ca.certPem).notAfter);
    });

    it('refuses an expired CA, a key that is not the CA’s, and a certificate that is no CA', async () => {
      const later = new Date(Date.now() + 400 * dayMs);
      await assert.rejects(issueClientCertificate(ecSet.ca, { now: later }), /the CA expired on/);
      await assert.rejects(issueClientCertificate({ certPem: ecSet.ca.certPem, keyPem: ecSet.server.keyPem }), /does not belong to the CA/);
      await assert.rejects(issueClientCertificate(ecSet.server), /not a certificate authority/);
    });
  });
});
