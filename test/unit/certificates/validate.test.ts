/**
 * validateClientMaterial with real PEM files, made by our generator and by the openssl CLI: each
 * failure gives its own code on the right file, and a valid import returns the decrypted key.
 */
import * as assert from 'node:assert/strict';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

import { type CertificateSet, generateCertificateSet } from '../../../src/core/certificates/certificateSet';
import { describeCertificate } from '../../../src/core/certificates/describeCertificate';
import { type ClientMaterial, type ClientMaterialValidation, validateClientMaterial } from '../../../src/core/certificates/validateClientMaterial';
import { useTempDirs } from '../../support/tempDir';
import { openssl, type OpensslCa, opensslCa, opensslLeaf } from './opensslPki';

const dayMs = 86_400_000;

/** `file:code` of every problem, or `valid` and the warnings. */
function outcome(result: ClientMaterialValidation): string[] {
  const warnings = result.warnings.map((warning) => `${warning.file}:${warning.code}`);
  return result.valid ? ['valid', ...warnings] : [...result.problems.map((problem) => `${problem.file}:${problem.code}`), ...warnings];
}

const material = (set: CertificateSet): ClientMaterial => ({ caPem: set.ca.certPem, certPem: set.client.certPem, keyPem: set.client.keyPem });

describe('certificates: validateClientMaterial', () => {
  const tempDir = useTempDirs('certs-validate');
  let dir: string;
  let good: CertificateSet;
  let other: CertificateSet;
  let rsa: CertificateSet;
  let ca: OpensslCa;
  let opensslCaPem: string;
  /** Client certificates openssl signed with `ca`, by name. */
  const leaves = new Map<string, { certPem: string; keyPem: string }>();

  before(async () => {
    dir = await tempDir();
    [good, other, rsa, ca] = await Promise.all([
      generateCertificateSet({ host: 'engine.example', keyType: 'ecdsa-p256' }),
      generateCertificateSet({ host: 'engine.example', keyType: 'ecdsa-p256' }),
      generateCertificateSet({ host: 'engine.example', keyType: 'rsa2048' }),
      opensslCa(dir),
    ]);
    opensslCaPem = await readFile(ca.certFile, 'utf8');
    await Promise.all(['secp256k1', 'prime256v1'].map((curve) => openssl(['ecparam', '-name', curve, '-out', path.join(dir, `${curve}.param`)])));
    const client = 'extendedKeyUsage=clientAuth\n';
    const made = await Promise.all([
      opensslLeaf(dir, 'rsa1024', ca, 'rsa:1024', client),
      opensslLeaf(dir, 'secp256k1', ca, `ec:${path.join(dir, 'secp256k1.param')}`, client),
      opensslLeaf(dir, 'ed25519', ca, 'ed25519', client),
      opensslLeaf(dir, 'server-only', ca, `ec:${path.join(dir, 'prime256v1.param')}`, 'extendedKeyUsage=serverAuth\n'),
      opensslLeaf(dir, 'no-eku', ca, 'rsa:4096', 'basicConstraints=CA:FALSE\n'),
    ]);
    ['rsa1024', 'secp256k1', 'ed25519', 'server-only', 'no-eku'].forEach((name, index) => leaves.set(name, made[index]));
  });

  const fromOpenssl = (name: string): ClientMaterial => ({ caPem: opensslCaPem, ...leaves.get(name)! });

  it('accepts an ECDSA P-256 set without warnings and returns its key as PKCS#8', () => {
    const result = validateClientMaterial(material(good));
    assert.deepEqual(outcome(result), ['valid']);
    assert.ok(result.valid);
    assert.equal(result.keyPem, good.client.keyPem);
  });

  it('accepts RSA 2048 with a warning (Docker recommends 4096) on the certificate and the CA', () => {
    assert.deepEqual(outcome(validateClientMaterial(material(rsa))), ['valid', 'cert:rsaBelow4096', 'ca:rsaBelow4096']);
  });

  it('refuses a key that is not the certificate’s', () => {
    const result = validateClientMaterial({ ...material(good), keyPem: other.client.keyPem });
    assert.deepEqual(outcome(result), ['key:keyMismatch']);
    assert.ok(!result.valid);
    assert.match(result.problems[0].message, /key\.pem is not the private key of cert\.pem/);
  });

  it('accepts, with a warning, a client certificate from a CA that is not in ca.pem (docker does: the engine trusts its own client CAs)', () => {
    const result = validateClientMaterial({ ...material(good), caPem: other.ca.certPem });
    assert.deepEqual(outcome(result), ['valid', 'cert:clientCaNotInBundle']);
    assert.match(result.warnings[0].message, /signed by "CN=Docker CA for engine\.example, O=Docker Context Guard", which is not in ca\.pem/);
  });

  it('finds the issuer in a ca.pem bundle of several CAs', () => {
    assert.deepEqual(outcome(validateClientMaterial({ ...material(good), caPem: `${other.ca.certPem}${good.ca.certPem}` })), ['valid']);
  });

  it('refuses a ca.pem that is no CA (here a server certificate, which is not for clients either)', () => {
    const result = validateClientMaterial({ ...material(good), caPem: good.server.certPem });
    assert.deepEqual(outcome(result), ['ca:caNotAuthority', 'cert:clientCaNotInBundle']);
  });

  it('refuses an expired certificate and one not valid yet, and warns when expiry is near', async () => {
    const [expired, future] = await Promise.all([
      generateCertificateSet({ host: 'engine.example', keyType: 'ecdsa-p256', now: new Date(Date.now() - 100 * dayMs) }),
      generateCertificateSet({ host: 'engine.example', keyType: 'ecdsa-p256', now: new Date(Date.now() + 10 * dayMs) }),
    ]);
    const expiredResult = validateClientMaterial(material(expired));
    assert.deepEqual(outcome(expiredResult), ['cert:expired']);
    assert.ok(!expiredResult.valid);
    assert.match(expiredResult.problems[0].message, /^cert\.pem expired on \d{4}-/);
    assert.deepEqual(outcome(validateClientMaterial(material(future))), ['cert:notYetValid', 'ca:notYetValid']);
    const nearEnd = new Date(Date.parse(describeCertificate(good.client.certPem).notAfter) - 3 * dayMs);
    assert.deepEqual(outcome(validateClientMaterial(material(good), nearEnd)), ['valid', 'cert:expiresSoon']);
  });

  it('refuses a certificate whose extended key usage lacks clientAuth, and accepts one without the extension (like Go)', () => {
    assert.deepEqual(outcome(validateClientMaterial(fromOpenssl('server-only'))), ['cert:noClientAuth']);
    assert.deepEqual(outcome(validateClientMaterial(fromOpenssl('no-eku'))), ['valid']);
  });

  it('refuses a CA whose extended key usage lacks clientAuth (Go checks the whole chain)', async () => {
    const caDir = await tempDir();
    const serverCa = await opensslCa(caDir, ['-addext', 'extendedKeyUsage=serverAuth']);
    const leaf = await opensslLeaf(caDir, 'client', serverCa, `ec:${path.join(dir, 'prime256v1.param')}`, 'extendedKeyUsage=clientAuth\n');
    assert.deepEqual(outcome(validateClientMaterial({ caPem: await readFile(serverCa.certFile, 'utf8'), ...leaf })), ['ca:noClientAuth']);
  });

  describe('chains, as docker sends them (cert.pem as it is) and Go verifies them', () => {
    const p256 = () => `ec:${path.join(dir, 'prime256v1.param')}`;
    const caExtensions = 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n';
    const asCa = (name: string): OpensslCa => ({ certFile: path.join(dir, `${name}.pem`), keyFile: path.join(dir, `${name}-key.pem`) });

    it('accepts cert.pem = leaf + intermediate, and refuses the bare leaf whose intermediate is only in ca.pem', async () => {
      const intermediate = await opensslLeaf(dir, 'intermediate', ca, p256(), caExtensions);
      const leaf = await opensslLeaf(dir, 'via-intermediate', asCa('intermediate'), p256(), 'extendedKeyUsage=clientAuth\n');
      assert.deepEqual(outcome(validateClientMaterial({ caPem: opensslCaPem, certPem: leaf.certPem + intermediate.certPem, keyPem: leaf.keyPem })), ['valid']);
      const bare = validateClientMaterial({ caPem: opensslCaPem + intermediate.certPem, ...leaf });
      assert.deepEqual(outcome(bare), ['cert:intermediateMissing']);
      assert.ok(!bare.valid);
      assert.match(bare.problems[0].message, /^cert\.pem lacks the intermediate CA "CN=intermediate" that signed it \(it is in ca\.pem\)/);
    });

    it('checks the intermediates of cert.pem too (Go checks the purpose along the chain)', async () => {
      const serverCa = await opensslLeaf(dir, 'server-intermediate', ca, p256(), `${caExtensions}extendedKeyUsage=serverAuth\n`);
      const leaf = await opensslLeaf(dir, 'via-server-intermediate', asCa('server-intermediate'), p256(), 'extendedKeyUsage=clientAuth\n');
      const result = validateClientMaterial({ caPem: opensslCaPem, certPem: leaf.certPem + serverCa.certPem, keyPem: leaf.keyPem });
      assert.deepEqual(outcome(result), ['cert:noClientAuth']);
      assert.ok(!result.valid);
      assert.match(result.problems[0].message, /^The intermediate CA "CN=server-intermediate" in cert\.pem may not be used for client authentication/);
    });

    it('refuses SHA-1 signatures on the leaf and on an intermediate, but not a root’s own (Go never checks it)', async () => {
      const sha1Leaf = await opensslLeaf(dir, 'sha1-leaf', ca, p256(), 'extendedKeyUsage=clientAuth\n', ['-sha1']);
      const result = validateClientMaterial({ caPem: opensslCaPem, ...sha1Leaf });
      assert.deepEqual(outcome(result), ['cert:insecureSignature']);
      assert.ok(!result.valid);
      assert.match(result.problems[0].message, /^cert\.pem is signed with ECDSA-SHA1, which docker and dockerd refuse/);
      const sha1Intermediate = await opensslLeaf(dir, 'sha1-intermediate', ca, p256(), caExtensions, ['-sha1']);
      const leaf = await opensslLeaf(dir, 'via-sha1-intermediate', asCa('sha1-intermediate'), p256(), 'extendedKeyUsage=clientAuth\n');
      assert.deepEqual(outcome(validateClientMaterial({ caPem: opensslCaPem, certPem: leaf.certPem + sha1Intermediate.certPem, keyPem: leaf.keyPem })), [
        'cert:insecureSignature',
      ]);
      const sha1Root = await opensslCa(await tempDir(), ['-sha1']);
      const underSha1Root = await opensslLeaf(dir, 'under-sha1-root', sha1Root, p256(), 'extendedKeyUsage=clientAuth\n');
      assert.deepEqual(outcome(validateClientMaterial({ caPem: await readFile(sha1Root.certFile, 'utf8'), ...underSha1Root })), ['valid']);
    });
  });

  it('refuses RSA keys under 2048 bits and curves Docker does not accept; Ed25519 is fine', () => {
    const weak = validateClientMaterial(fromOpenssl('rsa1024'));
    assert.deepEqual(outcome(weak), ['cert:weakKey']);
    assert.ok(!weak.valid);
    assert.match(weak.problems[0].message, /1024-bit RSA key: at least 2048 bits are required/);
    assert.deepEqual(outcome(validateClientMaterial(fromOpenssl('secp256k1'))), ['cert:unsupportedKey']);
    assert.deepEqual(outcome(validateClientMaterial(fromOpenssl('ed25519'))), ['valid']);
  });

  for (const [kind, encrypt] of [
    ['PKCS#8 encrypted (ENCRYPTED PRIVATE KEY)', ['pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-passout', 'pass:s3cret']],
    ['legacy encrypted (Proc-Type: 4,ENCRYPTED)', ['rsa', '-aes256', '-traditional', '-passout', 'pass:s3cret']],
  ] as const) {
    it(`asks for the passphrase of a ${kind} key, refuses a wrong one and decrypts with the right one`, async () => {
      const keyFile = path.join(dir, `plain-${encrypt[0]}.pem`);
      await writeFile(keyFile, rsa.client.keyPem);
      const encryptedPem = await openssl([...encrypt, '-in', keyFile]);
      assert.match(encryptedPem, encrypt[0] === 'rsa' ? /^Proc-Type: 4,ENCRYPTED$/m : /^-----BEGIN ENCRYPTED PRIVATE KEY-----$/m);
      const encrypted = { ...material(rsa), keyPem: encryptedPem };

      const rsaWarnings = ['cert:rsaBelow4096', 'ca:rsaBelow4096'];
      assert.deepEqual(outcome(validateClientMaterial(encrypted)), ['key:passphraseRequired', ...rsaWarnings]);
      assert.deepEqual(outcome(validateClientMaterial({ ...encrypted, passphrase: 'wrong' })), ['key:wrongPassphrase', ...rsaWarnings]);
      const result = validateClientMaterial({ ...encrypted, passphrase: 's3cret' });
      assert.ok(result.valid, outcome(result).join());
      assert.match(result.keyPem, /^-----BEGIN PRIVATE KEY-----\n/);
      assert.ok(new X509Certificate(rsa.client.certPem).checkPrivateKey(createPrivateKey(result.keyPem)));
    });
  }

  it('names each file that does not parse', () => {
    const truncated = good.client.certPem.slice(0, 200) + good.client.certPem.slice(-26);
    const result = validateClientMaterial({ caPem: 'hello', certPem: truncated, keyPem: good.ca.certPem });
    assert.deepEqual(outcome(result), ['ca:unparseable', 'cert:unparseable', 'key:unparseable']);
    assert.ok(!result.valid);
    assert.match(result.problems[0].message, /^ca\.pem is not a readable PEM certificate: no PEM certificate/);
    assert.match(result.problems[2].message, /^key\.pem is not a readable PEM private key/);
  });
});
