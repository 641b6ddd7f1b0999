/** Temp directories for one test file, removed after it (never the user's real ~/.docker). */
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

export function useTempDirs(prefix: string): () => Promise<string> {
  const made: string[] = [];
  after(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));
  return async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), `dcg-${prefix}-`));
    made.push(dir);
    return dir;
  };
}
