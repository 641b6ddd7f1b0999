/**
 * Handing an access certificate to its holder, in one of the two forms the Docker CLI reads: a
 * context archive (`docker context import NAME FILE`: the granting context's endpoint, the new
 * certificate and key, the CA), or a folder with ca.pem, cert.pem and key.pem (`docker --tlsverify
 * --tlscacert …`, or `certs`-style tooling). Either holds a private key: the archive and every file are
 * mode 0600, never written through a symlink, and a folder's existing files are never replaced.
 */
import { writeFileAtomic } from '../atomicFile';
import { writeOutputFiles } from '../certificates/certificateFiles';
import type { PemPair } from '../certificates/certificateSet';
import { exportContextArchive } from '../contexts/archive/exportContextArchive';
import type { ContextReader } from '../contexts/contextStore';

export type HandoverForm = 'archive' | 'folder';

export interface IssuedMaterial extends PemPair {
  caPem: string;
}

/** Writes the holder's context archive to `file`: the context `contextName` as stored, with the holder's TLS material. */
export async function writeAccessArchive(store: ContextReader, contextName: string, material: IssuedMaterial, file: string): Promise<void> {
  const archive = await exportContextArchive(store, contextName, { caPem: material.caPem, certPem: material.certPem, keyPem: material.keyPem });
  await writeFileAtomic(file, archive, { mode: 0o600, secret: true });
}

/** Writes ca.pem, cert.pem and key.pem into `dir` (made 0700 if new), all 0600; refuses if one exists. */
export async function writeAccessFolder(dir: string, material: IssuedMaterial): Promise<string[]> {
  return writeOutputFiles(dir, [
    { name: 'ca.pem', content: material.caPem, secret: true },
    { name: 'cert.pem', content: material.certPem, secret: true },
    { name: 'key.pem', content: material.keyPem, secret: true },
  ]);
}
