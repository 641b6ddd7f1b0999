/**
 * certs: a 4096-bit RSA set (CA, server and client certificate) made by generateCertificateSet
 * versus the openssl recipe of Docker's "Protect the Docker daemon socket", run command after
 * command as the guide's shell lines would be (CA key unencrypted, like ours). RSA 4096 key
 * generation dominates both and varies a lot from key to key, so few rounds.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

import { generateCertificateSet } from '../src/core/certificates/certificateSet';
import { runProcess } from '../test/support/runProcess';
import { type BenchResult, elapsedMs, medianOf } from './measure';

const host = 'docker.example.com';

/** The guide's commands, in its order. */
const dockerDocsRecipe: string[][] = [
  ['genrsa', '-out', 'ca-key.pem', '4096'],
  ['req', '-new', '-x509', '-days', '365', '-key', 'ca-key.pem', '-sha256', '-out', 'ca.pem', '-subj', `/CN=Docker CA for ${host}`],
  ['genrsa', '-out', 'server-key.pem', '4096'],
  ['req', '-subj', `/CN=${host}`, '-sha256', '-new', '-key', 'server-key.pem', '-out', 'server.csr'],
  [
    'x509',
    '-req',
    '-days',
    '365',
    '-sha256',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca-key.pem',
    '-CAcreateserial',
    '-out',
    'server-cert.pem',
    '-extfile',
    'extfile.cnf',
  ],
  ['genrsa', '-out', 'key.pem', '4096'],
  ['req', '-subj', '/CN=client', '-new', '-key', 'key.pem', '-out', 'client.csr'],
  [
    'x509',
    '-req',
    '-days',
    '365',
    '-sha256',
    '-in',
    'client.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca-key.pem',
    '-CAcreateserial',
    '-out',
    'cert.pem',
    '-extfile',
    'extfile-client.cnf',
  ],
];

async function opensslRecipe(dir: string): Promise<void> {
  await writeFile(path.join(dir, 'extfile.cnf'), `subjectAltName = DNS:${host},IP:127.0.0.1\nextendedKeyUsage = serverAuth\n`);
  await writeFile(path.join(dir, 'extfile-client.cnf'), 'extendedKeyUsage = clientAuth\n');
  for (const args of dockerDocsRecipe) {
    const result = await runProcess('openssl', args, { cwd: dir });
    if (result.code !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${result.stderr}`);
  }
}

export async function run(): Promise<BenchResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dcg-bench-certs-'));
  try {
    const options = { warmup: 0, runs: 3 };
    const ours = await medianOf(() => elapsedMs(() => generateCertificateSet({ host, ipAddresses: ['127.0.0.1'], keyType: 'rsa4096' })), options);
    const baseline = await medianOf(() => elapsedMs(() => opensslRecipe(dir)), options);
    return { name: 'certs', ours, baseline, unit: 'ms' };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
