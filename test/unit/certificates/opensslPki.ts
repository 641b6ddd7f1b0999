/**
 * Certificates made by the openssl CLI, independently of the code under test: CAs and client certificates with whatever key and extensions a test needs, plus openssl's
 * own reading of a certificate to compare ours against.
 */
import * as assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

import { runProcess } from '../../support/runProcess';

export async function openssl(args: string[], input?: string): Promise<string> {
  const result = await runProcess('openssl', args, { input });
  assert.equal(result.code, 0, `openssl ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

export interface OpensslCa {
  certFile: string;
  keyFile: string;
}

/** A P-256 CA made by openssl, valid for a year: `<dir>/ca.pem`, `<dir>/ca-key.pem`; `extraArgs` go to `openssl req`. */
export async function opensslCa(dir: string, extraArgs: string[] = []): Promise<OpensslCa> {
  const ca = { certFile: path.join(dir, 'ca.pem'), keyFile: path.join(dir, 'ca-key.pem') };
  await openssl([
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-subj',
    '/CN=openssl-test-ca',
    '-days',
    '365',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    ...extraArgs,
    '-keyout',
    ca.keyFile,
    '-out',
    ca.certFile,
  ]);
  return ca;
}

/**
 * A certificate signed by `ca`, with a key made by `newKey` (openssl req's -newkey argument, e.g.
 * `rsa:1024` or `ec:<params file>`) and `extensions` (an openssl extfile body); PEM texts back.
 * `signArgs` go to `openssl x509 -req` (e.g. `-sha1`). Files: `<dir>/<name>.pem`, `<dir>/<name>-key.pem`.
 */
export async function opensslLeaf(
  dir: string,
  name: string,
  ca: OpensslCa,
  newKey: string,
  extensions: string,
  signArgs: string[] = [],
): Promise<{ certPem: string; keyPem: string }> {
  const file = (suffix: string) => path.join(dir, `${name}${suffix}`);
  await writeFile(file('.ext'), extensions);
  await openssl(['req', '-new', '-newkey', newKey, '-nodes', '-subj', `/CN=${name}`, '-keyout', file('-key.pem'), '-out', file('.csr')]);
  await openssl([
    'x509',
    '-req',
    '-days',
    '30',
    ...signArgs,
    '-in',
    file('.csr'),
    '-CA',
    ca.certFile,
    '-CAkey',
    ca.keyFile,
    '-extfile',
    file('.ext'),
    '-out',
    file('.pem'),
  ]);
  const [certPem, keyPem] = await Promise.all([readFile(file('.pem'), 'utf8'), readFile(file('-key.pem'), 'utf8')]);
  return { certPem, keyPem };
}

/** openssl's verdict on `certPem` against `caPem` for a purpose (`sslserver`, `sslclient`), in x509_strict mode; `extraArgs` e.g. `-verify_hostname H`. */
export async function opensslVerify(dir: string, caPem: string, certPem: string, purpose: string, extraArgs: string[] = []): Promise<string> {
  await writeFile(path.join(dir, 'verify-ca.pem'), caPem);
  await writeFile(path.join(dir, 'verify-cert.pem'), certPem);
  return openssl(['verify', '-x509_strict', '-purpose', purpose, ...extraArgs, '-CAfile', path.join(dir, 'verify-ca.pem'), path.join(dir, 'verify-cert.pem')]);
}

/** `openssl x509 -text` of a PEM certificate. */
export function opensslText(certPem: string): Promise<string> {
  return openssl(['x509', '-noout', '-text'], certPem);
}
