/**
 * The folder to carry to the engine's host: the CA certificate (to verify clients), the server
 * certificate and its key, and a README with the daemon.json and systemd steps. Neither the CA's
 * key nor the client's key ever goes there: the engine's host needs neither.
 */
import { tlsFileNames } from '../contexts/tls/tlsMaterial';
import { writeOutputFiles } from './certificateFiles';
import type { PemPair } from './certificateSet';
import { serverBundleReadme, type ServerBundleReadmeOptions } from './serverBundleReadme';

/** What the bundle takes from a certificate set (a whole CertificateSet fits). */
export interface ServerBundleMaterial {
  ca: Pick<PemPair, 'certPem'>;
  server: PemPair;
}

export interface ServerBundleOptions extends ServerBundleReadmeOptions {
  /** Replace files already in the folder (default: refuse). */
  overwrite?: boolean;
}

/** Writes ca.pem, server-cert.pem, server-key.pem (0600) and README.md into `dir`; returns their paths. */
export function writeServerBundle(dir: string, material: ServerBundleMaterial, options: ServerBundleOptions): Promise<string[]> {
  return writeOutputFiles(
    dir,
    [
      { name: tlsFileNames.ca, content: material.ca.certPem, secret: false },
      { name: 'server-cert.pem', content: material.server.certPem, secret: false },
      { name: 'server-key.pem', content: material.server.keyPem, secret: true },
      { name: 'README.md', content: serverBundleReadme(material, options), secret: false },
    ],
    { overwrite: options.overwrite },
  );
}
