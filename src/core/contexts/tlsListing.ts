/**
 * What the store holds of each context's TLS material, judged as docker/cli's tlsStore
 * (listContextData, getData) judges it, since that decides how docker dials:
 *
 * - `tls/<id>/docker/` as a directory entry (not a link to one) gives the context a TLS
 *   configuration, even with no file in it: docker then talks TLS to any TCP endpoint;
 * - in it, each entry that is not a directory is a file docker reads, so one it cannot read
 *   (a dangling link, a FIFO, no permission) makes docker refuse the context;
 * - a TLS root or context directory that exists but cannot be listed (not a directory, owned
 *   by root after `sudo docker context create`) makes docker refuse every context it covers.
 *
 * Such a refusal is the context's `error` here; the list itself never depends on it.
 */
import { constants, type Dirent } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';

import type { StoredTls } from './dockerContext';
import { noTlsFiles } from './dockerContext';
import { dockerEndpointName } from './metaJson';
import { tlsFileList } from './tls/tlsMaterial';

export const noStoredTls: StoredTls = { files: noTlsFiles, endpointDir: false, error: null };

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

async function listDir(dir: string): Promise<Dirent[] | undefined> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/** Every context directory under the TLS root with its listing; a root that cannot be listed is an error for all of them. */
export async function listStoredTls(tlsRoot: string): Promise<{ byDir: Map<string, StoredTls>; rootError: string | null }> {
  let names: string[];
  try {
    names = (await listDir(tlsRoot))?.map((entry) => entry.name) ?? [];
  } catch (error) {
    return { byDir: new Map(), rootError: (error as Error).message };
  }
  return { byDir: new Map(await Promise.all(names.map(async (name) => [name, await storedTlsOf(tlsRoot, name)] as const))), rootError: null };
}

export async function storedTlsOf(tlsRoot: string, dirName: string): Promise<StoredTls> {
  const contextDir = path.join(tlsRoot, dirName);
  try {
    const endpoints = await listDir(contextDir);
    if (!endpoints?.some((entry) => entry.name === dockerEndpointName && entry.isDirectory())) return noStoredTls;
    const endpointDir = path.join(contextDir, dockerEndpointName);
    const entries = (await listDir(endpointDir)) ?? [];
    const readable = await Promise.all(
      entries.filter((entry) => !entry.isDirectory()).map(async (entry) => [entry.name, await unreadable(path.join(endpointDir, entry.name))] as const),
    );
    const problem = readable.find(([, why]) => why !== undefined);
    const present = (file: string) => readable.some(([name, why]) => name === file && why === undefined);
    const [ca, cert, key] = tlsFileList.map(present);
    return { files: { ca, cert, key }, endpointDir: true, error: problem ? `cannot read its TLS file ${problem[0]}: ${problem[1]}` : null };
  } catch (error) {
    return { ...noStoredTls, error: `cannot list its TLS files: ${(error as Error).message}` };
  }
}

/** Why docker could not read `file` (links followed), or undefined when it can. */
async function unreadable(file: string): Promise<string | undefined> {
  try {
    const stats = await stat(file);
    if (!stats.isFile()) return 'not a regular file';
    await access(file, constants.R_OK);
    return undefined;
  } catch (error) {
    return isMissing(error) ? 'a dangling link' : (error as Error).message;
  }
}
