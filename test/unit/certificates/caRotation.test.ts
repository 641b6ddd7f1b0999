/**
 * Rotate CA, judged by openssl: every new client certificate verifies against the new CA and not
 * against the old one (what makes the rotation a revocation), the new server certificate covers
 * every engine name the contexts dial, and engine addresses split as the engine address parser
 * wrote them.
 */
import * as assert from 'node:assert/strict';

import { rotateCa, tcpHostPort } from '../../../src/core/certificates/caRotation';
import { type CertificateSet, generateCertificateSet } from '../../../src/core/certificates/certificateSet';
import { engineAddress } from '../../../src/core/contexts/engineAddress';
import { useTempDirs } from '../../support/tempDir';
import { opensslVerify } from './opensslPki';

const verifies = (dir: string, caPem: string, certPem: string, purpose: string, extra: string[] = []) =>
  opensslVerify(dir, caPem, certPem, purpose, extra).then(
    () => true,
    () => false,
  );

describe('certificates: rotateCa', () => {
  const tempDir = useTempDirs('certs-rotate-ca');
  let old: CertificateSet;

  before(async () => {
    old = await generateCertificateSet({ host: '127.0.0.1', keyType: 'ecdsa-p256' });
  });

  it('gives every context a client certificate of the new CA, which the old CA does not verify, and the old client fails the new CA', async () => {
    const dir = await tempDir();
    const rotation = await rotateCa(['127.0.0.1', 'engine.example', '::1'], ['first', 'second', 'third'], { keyType: 'ecdsa-p256' });
    assert.deepEqual([...rotation.clients.keys()], ['first', 'second', 'third']);
    const fingerprints = new Set<string>();
    for (const client of rotation.clients.values()) {
      fingerprints.add(client.certPem);
      assert.equal(await verifies(dir, rotation.set.ca.certPem, client.certPem, 'sslclient'), true);
      assert.equal(await verifies(dir, old.ca.certPem, client.certPem, 'sslclient'), false);
    }
    assert.equal(fingerprints.size, 3, 'one certificate per context');
    assert.equal(await verifies(dir, rotation.set.ca.certPem, old.client.certPem, 'sslclient'), false, 'the old client certificate is refused by the new CA');
  });

  it('names every engine host in the new server certificate, which openssl verifies for each and for no other', async () => {
    const dir = await tempDir();
    const rotation = await rotateCa(['127.0.0.1', 'engine.example', '127.0.0.1', '::1'], ['only'], { keyType: 'ecdsa-p256' });
    const server = (extra: string[]) => verifies(dir, rotation.set.ca.certPem, rotation.set.server.certPem, 'sslserver', extra);
    for (const extra of [
      ['-verify_ip', '127.0.0.1'],
      ['-verify_hostname', 'engine.example'],
      ['-verify_ip', '::1'],
    ])
      assert.equal(await server(extra), true, extra.join(' '));
    for (const extra of [
      ['-verify_ip', '127.0.0.2'],
      ['-verify_hostname', 'other.example'],
    ])
      assert.equal(await server(extra), false, extra.join(' '));
    assert.equal(await verifies(dir, old.ca.certPem, rotation.set.server.certPem, 'sslserver'), false);
  });

  it('refuses a rotation with no context or no host', async () => {
    await assert.rejects(rotateCa(['127.0.0.1'], []), /at least one context/);
    await assert.rejects(rotateCa([], ['a']), /engine host/);
  });

  it('splits engine addresses back into the host and port they were made of', () => {
    const corpus = ['tcp://127.0.0.1:2376', 'tcp://[::1]:2376', 'tcp://[::1]:12', 'tcp://Engine.Example', 'https://host.example:443'];
    for (const host of corpus) {
      const address = engineAddress({ host, transport: 'tls' });
      assert.ok(address, host);
      const url = new URL(address.replace(/^tcp:/, 'https:'));
      const parsed = tcpHostPort(address);
      assert.deepEqual(parsed, { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port || 443) }, host);
    }
    assert.equal(tcpHostPort('unix:///var/run/docker.sock'), undefined);
  });
});
