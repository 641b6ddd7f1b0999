/**
 * The Docker CLI's context store, read and written the way docker/cli does it:
 *
 *   $DOCKER_CONFIG/contexts/meta/<sha256(name)>/meta.json        name, metadata, endpoints
 *   $DOCKER_CONFIG/contexts/tls/<sha256(name)>/docker/{ca,cert,key}.pem
 *
 * so `docker context ls` and this store always agree. Listing is what the tree does on every
 * change, so it reads each directory once and never spawns the CLI.
 */
import { readFileSync } from 'node:fs';
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { writeFileAtomic } from '../atomicFile';
import { contextDirName, defaultContextName } from './contextNames';
import { defaultContext } from './defaultContext';
import { brokenContext, contextFromMetaJson, noTlsFiles, withGuardField, type DockerContext, type TlsFilesPresent } from './dockerContext';
import { sortByName } from './naturalOrder';

export class ContextNotFoundError extends Error {
  constructor(readonly contextName: string) {
    super(`context "${contextName}" does not exist`);
    this.name = 'ContextNotFoundError';
  }
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

export class ContextStore {
  readonly metaRoot: string;
  readonly tlsRoot: string;

  /** `env` supplies DOCKER_HOST and the TLS variables of the implicit default context. */
  constructor(
    readonly configDir: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.metaRoot = path.join(configDir, 'contexts', 'meta');
    this.tlsRoot = path.join(configDir, 'contexts', 'tls');
  }

  metaFileOf(name: string): string {
    return path.join(this.metaRoot, contextDirName(name), 'meta.json');
  }

  tlsDirOf(name: string): string {
    return path.join(this.tlsRoot, contextDirName(name), 'docker');
  }

  /** Every context, the implicit default included, in the order `docker context ls` prints them. */
  async list(): Promise<DockerContext[]> {
    const [dirNames, tlsByDir, implicit] = await Promise.all([
      this.metaDirNames(),
      this.tlsFilesByDir(),
      defaultContext(this.env, this.configDir),
    ]);
    const stored = dirNames.map((dirName) => this.readContext(dirName, tlsByDir.get(dirName) ?? noTlsFiles));
    const contexts = [implicit, ...stored.filter((context): context is DockerContext => context !== undefined)];
    return sortByName(contexts);
  }

  async get(name: string): Promise<DockerContext> {
    if (name === defaultContextName) return defaultContext(this.env, this.configDir);
    const dirName = contextDirName(name);
    const context = this.readContext(dirName, await this.tlsFilesOf(dirName));
    if (!context) throw new ContextNotFoundError(name);
    return context;
  }

  /** The stored meta.json as parsed JSON, for "Inspect" (TLS material never lives in it). */
  async readMeta(name: string): Promise<unknown> {
    try {
      return JSON.parse(await readFile(this.metaFileOf(name), 'utf8'));
    } catch (error) {
      if (isMissing(error)) throw new ContextNotFoundError(name);
      throw error;
    }
  }

  /**
   * Sets (or, with undefined, clears) one of this extension's fields in the context's Metadata,
   * keeping every other field of meta.json as it was. The Docker CLI preserves such fields, so
   * they travel with `docker context export/import`.
   */
  async setGuardField(name: string, key: string, value: string | undefined): Promise<void> {
    const meta = withGuardField((await this.readMeta(name)) as Record<string, unknown>, key, value);
    await writeFileAtomic(this.metaFileOf(name), JSON.stringify(meta), 0o644);
  }

  /** Removes the context's metadata and TLS files, as `docker context rm` does. */
  async remove(name: string): Promise<void> {
    if (name === defaultContextName) throw new Error('the default context cannot be removed');
    const dirName = contextDirName(name);
    await this.readMeta(name);
    await rm(path.join(this.tlsRoot, dirName), { recursive: true, force: true });
    await rm(path.join(this.metaRoot, dirName), { recursive: true, force: true });
  }

  /** Creates the store's directories (for writers; readers cope with their absence). */
  async ensureRoots(): Promise<void> {
    await mkdir(this.metaRoot, { recursive: true, mode: 0o755 });
  }

  private async metaDirNames(): Promise<string[]> {
    try {
      const entries = await readdir(this.metaRoot, { withFileTypes: true });
      return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  }

  /** One readdir per context that has TLS files at all, instead of three stats per context. */
  private async tlsFilesByDir(): Promise<Map<string, TlsFilesPresent>> {
    let dirNames: string[];
    try {
      dirNames = await readdir(this.tlsRoot);
    } catch (error) {
      if (isMissing(error)) return new Map();
      throw error;
    }
    return new Map(await Promise.all(dirNames.map(async (dirName) => [dirName, await this.tlsFilesOf(dirName)] as const)));
  }

  private async tlsFilesOf(dirName: string): Promise<TlsFilesPresent> {
    const files = await readdir(path.join(this.tlsRoot, dirName, 'docker')).catch(() => [] as string[]);
    return { ca: files.includes('ca.pem'), cert: files.includes('cert.pem'), key: files.includes('key.pem') };
  }

  /**
   * The context in `meta/<dirName>/`, a broken one with the reason, or undefined when there is no
   * meta.json. The read is synchronous on purpose: a meta.json is a few hundred bytes, and one
   * synchronous read costs about 10 µs where fs.promises.readFile costs about 70 µs of thread-pool
   * round trips, the difference between 10 ms and 70 ms for a store of 1,000 contexts.
   */
  private readContext(dirName: string, tls: TlsFilesPresent): DockerContext | undefined {
    let text: string;
    try {
      text = readFileSync(path.join(this.metaRoot, dirName, 'meta.json'), 'utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      return brokenContext(dirName, `cannot read meta.json: ${(error as Error).message}`);
    }
    return contextFromMetaJson(text, dirName, tls);
  }
}
