/** A throwaway self-signed EC certificate and key (ca.pem, cert.pem, key.pem) in `dir`, for contexts that only need parseable TLS files. */
import { copyFile } from 'node:fs/promises';
import * as path from 'node:path';

import { runProcess } from './runProcess';

export async function writeSelfSignedPem(dir: string): Promise<void> {
  const result = await runProcess('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    path.join(dir, 'key.pem'),
    '-out',
    path.join(dir, 'cert.pem'),
    '-subj',
    '/CN=dcg-test',
    '-days',
    '1',
  ]);
  if (result.code !== 0) throw new Error(`openssl failed: ${result.stderr}`);
  await copyFile(path.join(dir, 'cert.pem'), path.join(dir, 'ca.pem'));
}
