/**
 * Exporting a context as the tar `docker context export NAME FILE` writes, byte for byte but for
 * the end-of-archive blocks docker leaves out: meta.json as stored, then tls/docker/ with its TLS
 * files, from the store or — for keys held in SecretStorage — from the caller. Such keys then
 * travel in the archive, so the exported meta.json drops the marker saying they are elsewhere.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';

import { ContextError } from '../contextErrors';
import type { ContextReader } from '../contextStore';
import { withGuardEdit } from '../guardMetadata';
import { pemOf, tlsFileList, type TlsFileName, tlsFileNames, type TlsMaterial, tlsParts } from '../tls/tlsMaterial';
import { type TarEntry, writeTar } from './tarFormat';

export async function exportContextArchive(store: ContextReader, name: string, tls?: TlsMaterial): Promise<Buffer> {
  const context = await store.get(name);
  if (context.isDefault) throw new ContextError('implicitDefault', 'the default context has no meta.json to export');
  if (context.error) throw new ContextError('unusable', `cannot export "${name}": ${context.error}`);
  if (context.keysInSecretStorage && !tls) throw new Error(`the TLS keys of "${name}" are in SecretStorage: they must be passed to export a usable archive`);
  const stored = await readFile(store.metaFileOf(name), 'utf8');
  const meta = context.keysInSecretStorage ? withGuardEdit(stored, { keysIn: 'dockerCli' }) : stored;
  const files = tls ? filesOf(tls) : await storedTlsFiles(store, name);
  const directory = (entryName: string): TarEntry => ({ name: entryName, kind: 'directory', mode: 0o700, data: Buffer.alloc(0) });
  return writeTar([
    { name: 'meta.json', kind: 'file', mode: 0o644, data: Buffer.from(meta, 'utf8') },
    directory('tls'),
    ...(files.length > 0 ? [directory('tls/docker')] : []),
    ...files.map(([file, data]): TarEntry => ({ name: `tls/docker/${file}`, kind: 'file', mode: 0o600, data })),
  ]);
}

function filesOf(material: TlsMaterial): [TlsFileName, Buffer][] {
  return tlsParts.map((part) => [tlsFileNames[part], Buffer.from(pemOf(material, part) ?? '', 'utf8')]);
}

/** The TLS files the context has in the store, byte for byte as docker copies them (any of the three may be absent, as docker allows). */
async function storedTlsFiles(store: ContextReader, name: string): Promise<[TlsFileName, Buffer][]> {
  const files: [TlsFileName, Buffer][] = [];
  for (const file of tlsFileList) {
    const data = await readFile(path.join(store.tlsDirOf(name), file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (data) files.push([file, data]);
  }
  return files;
}
