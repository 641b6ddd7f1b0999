/**
 * The Docker CLI's context store, read and written the way docker/cli does it:
 *
 *   $DOCKER_CONFIG/contexts/meta/<sha256(name)>/meta.json        name, metadata, endpoints
 *   $DOCKER_CONFIG/contexts/tls/<sha256(name)>/docker/{ca,cert,key}.pem
 *
 * so `docker context ls` and this store always agree. Listing is what the tree does on every
 * change, so it reads each directory once and never spawns the CLI. Like docker's, the list
 * never depends on the TLS directories (one that cannot be read is an error of the contexts it
 * covers, see tlsListing.ts), and unlike docker's, one meta.json that cannot be read is listed
 * broken instead of failing all.
 */

/** No meta.json docker writes comes near this; a bigger one is not read. */
const maxMetaBytes = 1 << 20;
import { lstat, readdir, rm } from 'node:fs/promises';
import * as path from 'node:path';

import { writeFileAtomic } from '../atomicFile';
import { ContextError } from './contextErrors';
import { contextDirName, defaultContextName } from './contextNames';
import { defaultContext } from './defaultContext';
import { brokenContext, contextFromMetaJson, type DockerContext, type StoredTls } from './dockerContext';
import { type GuardEdit, withGuardEdit } from './guardMetadata';
import { decodeMetaJson, dockerMetaView } from './metaJson';
import { sortByName } from './naturalOrder';
import { readRegularFileSync } from './regularFile';
import type { Tier } from './tiers';
import { CliTlsFiles } from './tls/cliTlsFiles';
import type { KeysLocation } from './tls/tlsKeyStore';
import { listStoredTls, noStoredTls, storedTlsOf } from './tlsListing';

export class ContextNotFoundError extends ContextError {
  constructor(readonly contextName: string) {
    super('notFound', `context "${contextName}" does not exist`);
    this.name = 'ContextNotFoundError';
  }
}

/** The store as its readers see it: one owner writes (in VS Code the model, through typed methods), everyone else reads. */
export type ContextReader = Pick<ContextStore, 'configDir' | 'list' | 'get' | 'readMeta' | 'metaFileOf' | 'tlsDirOf'>;

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

export class ContextStore {
  readonly metaRoot: string;
  readonly tlsRoot: string;
  /** Its TLS files (contexts/tls/), one of the two places a context's keys are kept. */
  readonly tlsFiles: CliTlsFiles;

  /** `env` supplies DOCKER_HOST and the TLS variables of the implicit default context. */
  constructor(
    readonly configDir: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.metaRoot = path.join(configDir, 'contexts', 'meta');
    this.tlsRoot = path.join(configDir, 'contexts', 'tls');
    this.tlsFiles = new CliTlsFiles(this, env);
  }

  metaFileOf(name: string): string {
    return path.join(this.metaRoot, contextDirName(name), 'meta.json');
  }

  tlsDirOf(name: string): string {
    return path.join(this.tlsRoot, contextDirName(name), 'docker');
  }

  /** Every context, the implicit default included, in the order `docker context ls` prints them. */
  async list(): Promise<DockerContext[]> {
    const [dirNames, tls, implicit] = await Promise.all([this.metaDirNames(), listStoredTls(this.tlsRoot), defaultContext(this.env, this.configDir)]);
    const rootTls = tls.rootError ? { ...noStoredTls, error: `cannot list its TLS files: ${tls.rootError}` } : noStoredTls;
    const stored = dirNames.map((dirName) => this.readContext(dirName, tls.byDir.get(dirName) ?? rootTls));
    const contexts = [implicit, ...stored.filter((context): context is DockerContext => context !== undefined)];
    return sortByName(contexts);
  }

  async get(name: string): Promise<DockerContext> {
    if (name === defaultContextName) return defaultContext(this.env, this.configDir);
    const dirName = contextDirName(name);
    const context = this.readContext(dirName, await storedTlsOf(this.tlsRoot, dirName));
    if (!context) throw new ContextNotFoundError(name);
    return context;
  }

  /** The stored meta.json as the Docker CLI reads it (and `docker context inspect` shows it), for "Inspect"; TLS material never lives in it. */
  async readMeta(name: string): Promise<Record<string, unknown>> {
    const text = readRegularFileSync(this.metaFileOf(name), maxMetaBytes);
    if (text === undefined) throw new ContextNotFoundError(name);
    return dockerMetaView(decodeMetaJson(text));
  }

  /** Stores the tier in the context's own metadata (null: clears it, so settings and name rules apply). */
  setTier(name: string, tier: Tier | null): Promise<void> {
    return this.editGuardFields(name, { tier });
  }

  /** Records which store holds the context's TLS keys (the marker docker ignores and keeps). */
  setKeysLocation(name: string, keysIn: KeysLocation): Promise<void> {
    return this.editGuardFields(name, { keysIn });
  }

  /**
   * Edits this extension's fields in the context's meta.json in place (guardMetadata.ts): every
   * other byte stays, and docker keeps the fields through `context update` and `export/import`.
   */
  private async editGuardFields(name: string, edit: GuardEdit): Promise<void> {
    const file = this.metaFileOf(name);
    const text = readRegularFileSync(file, maxMetaBytes);
    if (text === undefined) throw new ContextNotFoundError(name);
    decodeMetaJson(text);
    await writeFileAtomic(file, withGuardEdit(text, edit), { mode: 0o644 });
  }

  /** Removes the context's metadata and TLS files, as `docker context rm` does. */
  async remove(name: string): Promise<void> {
    if (name === defaultContextName) throw new ContextError('implicitDefault', 'the default context cannot be removed');
    const dirName = contextDirName(name);
    if (
      !(await lstat(this.metaFileOf(name)).then(
        () => true,
        () => false,
      ))
    )
      throw new ContextNotFoundError(name);
    await this.tlsFiles.delete(name);
    await rm(path.join(this.metaRoot, dirName), { recursive: true, force: true });
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

  /** The context in `meta/<dirName>/`, a broken one with the reason, or undefined when there is no meta.json. */
  private readContext(dirName: string, tls: StoredTls): DockerContext | undefined {
    let text: string | undefined;
    try {
      text = readRegularFileSync(path.join(this.metaRoot, dirName, 'meta.json'), maxMetaBytes);
    } catch (error) {
      return brokenContext(dirName, `cannot read meta.json: ${(error as Error).message}`);
    }
    return text === undefined ? undefined : contextFromMetaJson(text, dirName, tls);
  }
}
