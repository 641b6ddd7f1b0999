/**
 * What Enforce Access uploads to the engine's host: our CLI (`dist/cli.js`, which holds
 * `authz serve`) and the lazily loaded modules it requires from `vendor/` (node-forge reads the
 * peer certificates), as one tar the host unpacks with its own `tar`. Source maps stay here.
 */
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';

import { type TarEntry, writeTar } from '../contexts/archive/tarFormat';

/** The tar of `distDir`'s cli.js and vendor/*.js. */
export async function pluginBundle(distDir: string): Promise<Buffer> {
  const file = async (name: string): Promise<TarEntry> => ({ name, kind: 'file', mode: 0o644, data: await readFile(path.join(distDir, name)) });
  const vendor = (await readdir(path.join(distDir, 'vendor'))).filter((name) => name.endsWith('.js')).sort();
  return writeTar([
    await file('cli.js'),
    { name: 'vendor', kind: 'directory', mode: 0o755, data: Buffer.alloc(0) },
    ...(await Promise.all(vendor.map((name) => file(`vendor/${name}`)))),
  ]);
}
