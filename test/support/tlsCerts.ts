/**
 * A throwaway PKI for the TLS engine, made per run with the openssl CLI (milliseconds with P-256
 * keys): a CA, a server certificate for 127.0.0.1/localhost and a client certificate, laid out the
 * way `dockerd --tlsverify` and `docker --tlsverify` expect them.
 */
import { execFile } from 'node:child_process';
import { chmod, copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
const days = ['-days', '2'];

/** Writes a self-signed CA as `<dir>/ca.pem` and `<dir>/ca-key.pem`. */
export async function generateCa(dir: string, name = 'dcg-test-ca'): Promise<void> {
  const key = join(dir, 'ca-key.pem');
  await run('openssl', ['req', '-x509', ...newKey, ...days, '-subj', `/CN=${name}`, '-keyout', key, '-out', join(dir, 'ca.pem')]);
  await chmod(key, 0o600);
}

/**
 * Fills serverDir with ca.pem, ca-key.pem, server-cert.pem, server-key.pem and clientDir with
 * ca.pem, cert.pem, key.pem; workDir receives the CSRs and extension files.
 */
export async function generateTlsMaterial(workDir: string, serverDir: string, clientDir: string): Promise<void> {
  await generateCa(serverDir);
  const ca = join(serverDir, 'ca.pem');
  const issue = async (name: string, extensions: string, keyFile: string, certFile: string) => {
    const csr = join(workDir, `${name}.csr`);
    const ext = join(workDir, `${name}.ext`);
    await writeFile(ext, extensions);
    await run('openssl', ['req', '-new', ...newKey, '-subj', `/CN=${name}`, '-keyout', keyFile, '-out', csr]);
    await chmod(keyFile, 0o600);
    await run('openssl', ['x509', '-req', ...days, '-in', csr, '-CA', ca, '-CAkey', join(serverDir, 'ca-key.pem'), '-extfile', ext, '-out', certFile]);
  };
  await Promise.all([
    issue(
      'localhost',
      'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n',
      join(serverDir, 'server-key.pem'),
      join(serverDir, 'server-cert.pem'),
    ),
    issue('dcg-test-client', 'extendedKeyUsage=clientAuth\n', join(clientDir, 'key.pem'), join(clientDir, 'cert.pem')),
    copyFile(ca, join(clientDir, 'ca.pem')),
  ]);
}
