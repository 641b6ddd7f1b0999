/**
 * What Node's TLS throws on unusable client files, taken from Node itself (files made by openssl),
 * passed through toEngineError: the cause in words, never OpenSSL's ("bad decrypt", "DECODER
 * routines::unsupported", "ca md too weak"…). The connection layer checks the files first
 * (validateClientMaterial); these words cover what still reaches a handshake.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { createSecureContext } from 'node:tls';

import { toEngineError } from '../../../src/core/engine/engineErrors';
import { useTempDirs } from '../../support/tempDir';
import { openssl, opensslCa, opensslLeaf } from './opensslPki';

const rawOpenssl = /routines|md too weak|bad decrypt|DECODER|wrong tag|ERR_|error:[0-9A-F]{8}/;

describe('certificates: TLS errors in words', () => {
  const tempDir = useTempDirs('tls-words');

  it('names the cause of each failure Node reports for client files', async () => {
    const dir = await tempDir();
    const ca = await opensslCa(dir);
    const [good, sha1, other] = await Promise.all([
      opensslLeaf(dir, 'good', ca, 'rsa:2048', 'extendedKeyUsage=clientAuth\n'),
      opensslLeaf(dir, 'sha1', ca, 'rsa:2048', 'extendedKeyUsage=clientAuth\n', ['-sha1']),
      opensslLeaf(dir, 'other', ca, 'rsa:2048', 'extendedKeyUsage=clientAuth\n'),
    ]);
    const encryptedKey = await openssl(['pkey', '-aes256', '-passout', 'pass:s3cret', '-in', path.join(dir, 'other-key.pem')]);
    const garbage = (label: string) => `-----BEGIN ${label}-----\nAAAA\n-----END ${label}-----\n`;
    const cases: [string, { cert: string; key: string }, RegExp][] = [
      ['an encrypted key', { cert: other.certPem, key: encryptedKey }, /key\.pem is encrypted/],
      ['a key of another certificate', { cert: good.certPem, key: other.keyPem }, /key\.pem is not the private key of cert\.pem/],
      ['a key that is no key', { cert: good.certPem, key: garbage('PRIVATE KEY') }, /not a PEM certificate or private key that can be read/],
      ['a certificate that is no certificate', { cert: garbage('CERTIFICATE'), key: good.keyPem }, /not a PEM certificate or private key that can be read/],
      ['a SHA-1 signed certificate', { cert: sha1.certPem, key: sha1.keyPem }, /signed with SHA-1 or MD5/],
    ];
    for (const [what, files, words] of cases) {
      const thrown = (() => {
        try {
          createSecureContext(files);
        } catch (error) {
          return error;
        }
        return assert.fail(`Node accepted ${what}`);
      })();
      const engineError = toEngineError(thrown, { contextName: 'c', host: 'tcp://127.0.0.1:2376' }, 1000);
      assert.equal(engineError.reason, 'tlsMaterialInvalid', `${what}: ${engineError.message}`);
      assert.doesNotMatch(engineError.message, rawOpenssl, what);
      assert.match(engineError.message, words, what);
    }
  });
});
