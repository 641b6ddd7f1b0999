/**
 * The TLS files of a context in the Docker CLI's store (contexts/tls/<sha256>/docker/), written
 * only when the user explicitly exports keys there: directories 0700, files 0600, each file
 * replaced atomically, exactly what `docker --context NAME` reads.
 */
import { chmod, lstat, mkdir, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { writeFileAtomic } from '../atomicFile';
import { contextDirName } from './contextNames';
import type { ContextStore } from './contextStore';

export interface TlsPems {
  caPem: string;
  certPem: string;
  keyPem: string;
}

export async function writeTlsFiles(store: ContextStore, contextName: string, pems: TlsPems): Promise<void> {
  const dir = store.tlsDirOf(contextName);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const parent of [path.dirname(dir), dir]) {
    // A directory planted as a symlink would take the keys wherever it points.
    if ((await lstat(parent)).isSymbolicLink()) throw new Error(`${parent} is a symbolic link: the keys were not written (remove it and export again)`);
    await chmod(parent, 0o700);
  }
  await writeFileAtomic(path.join(dir, 'ca.pem'), pems.caPem, { secret: true });
  await writeFileAtomic(path.join(dir, 'cert.pem'), pems.certPem, { secret: true });
  await writeFileAtomic(path.join(dir, 'key.pem'), pems.keyPem, { secret: true });
}

/** Deletes every TLS file of the context from the store (its keys then live only elsewhere). */
export async function removeTlsFiles(store: ContextStore, contextName: string): Promise<void> {
  await rm(path.join(store.tlsRoot, contextDirName(contextName)), { recursive: true, force: true });
}
