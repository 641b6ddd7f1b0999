/**
 * Writing certificate files without surprises: private keys are created with mode 0600 (never
 * readable by others, not even for a moment, whatever the umask), a new folder gets 0700, and
 * existing files are replaced only when asked, so a second run never silently swaps an engine's keys.
 */
import { lstat, mkdir } from 'node:fs/promises';
import * as path from 'node:path';

import { writeFileAtomic } from '../atomicFile';

export interface OutputFile {
  name: string;
  content: string;
  /** A private key: mode 0600 instead of 0644. */
  secret: boolean;
}

export class ExistingFilesError extends Error {
  constructor(readonly files: string[]) {
    super(`refusing to overwrite existing files: ${files.join(', ')}`);
    this.name = 'ExistingFilesError';
  }
}

/** Throws ExistingFilesError naming those of `names` that already exist in `dir`. */
export async function refuseExistingFiles(dir: string, names: readonly string[]): Promise<void> {
  const paths = names.map((name) => path.join(dir, name));
  const present = await Promise.all(
    paths.map((file) =>
      lstat(file).then(
        () => true,
        () => false,
      ),
    ),
  );
  const existing = paths.filter((_, index) => present[index]);
  if (existing.length > 0) throw new ExistingFilesError(existing);
}

/** Writes `files` into `dir` and returns their paths; unless `overwrite`, refuses (before writing any) if one exists. */
export async function writeOutputFiles(dir: string, files: readonly OutputFile[], { overwrite = false } = {}): Promise<string[]> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (!overwrite)
    await refuseExistingFiles(
      dir,
      files.map((file) => file.name),
    );
  const paths: string[] = [];
  for (const file of files) {
    const target = path.join(dir, file.name);
    // Always a new file, the certificates too: never through a symlink, never keeping a looser mode.
    await writeFileAtomic(target, file.content, { mode: file.secret ? 0o600 : 0o644, secret: true });
    paths.push(target);
  }
  return paths;
}
