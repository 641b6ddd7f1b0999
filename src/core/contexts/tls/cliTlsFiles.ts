/**
 * The TLS files of the Docker CLI's store, contexts/tls/<sha256>/docker/{ca,cert,key}.pem (and,
 * for the implicit default context, DOCKER_CERT_PATH), read as `docker --context NAME` reads
 * them and written as docker/cli's tlsStore writes them: directories 0700, files 0600, each file
 * replaced atomically. Written only when the user explicitly puts keys there.
 */
import { chmod, lstat, mkdir, readFile, rm } from 'node:fs/promises';
import * as path from 'node:path';

import { writeFileAtomic } from '../../atomicFile';
import { contextDirName } from '../contextNames';
import type { ContextStore } from '../contextStore';
import type { DockerContext } from '../dockerContext';
import type { TlsKeyStore } from './tlsKeyStore';
import { pemOf, tlsFileNames, type TlsMaterial, tlsParts } from './tlsMaterial';

const readIfPresent = (file: string) =>
  readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });

export class CliTlsFiles implements TlsKeyStore {
  readonly location = 'dockerCli';

  /** `env` supplies DOCKER_CERT_PATH for the default context. */
  constructor(
    private readonly store: Pick<ContextStore, 'configDir' | 'tlsRoot' | 'tlsDirOf'>,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  describe(contextName: string): string {
    return this.store.tlsDirOf(contextName);
  }

  async read(context: DockerContext): Promise<Partial<TlsMaterial> | undefined> {
    const dir = context.isDefault ? this.env.DOCKER_CERT_PATH || this.store.configDir : this.store.tlsDirOf(context.name);
    const texts = await Promise.all(tlsParts.map((part) => readIfPresent(path.join(dir, tlsFileNames[part]))));
    const found: Partial<TlsMaterial> = Object.fromEntries(
      tlsParts.flatMap((part, index) => (texts[index] === undefined ? [] : [[`${part}Pem`, texts[index]]])),
    );
    return Object.keys(found).length > 0 ? found : undefined;
  }

  /** The CA key, if any, is never written: docker does not read it, and it stays where it was. */
  async write(owner: Pick<DockerContext, 'name'>, material: TlsMaterial): Promise<void> {
    const dir = this.store.tlsDirOf(owner.name);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    for (const parent of [path.dirname(dir), dir]) {
      // A directory planted as a symlink would take the keys wherever it points.
      if ((await lstat(parent)).isSymbolicLink()) throw new Error(`${parent} is a symbolic link: the keys were not written (remove it and export again)`);
      await chmod(parent, 0o700);
    }
    for (const part of tlsParts) await writeFileAtomic(path.join(dir, tlsFileNames[part]), pemOf(material, part) ?? '', { secret: true });
  }

  /** Every TLS file of the context goes, as `docker context rm` removes them. */
  async vacate(contextName: string): Promise<void> {
    await rm(path.join(this.store.tlsRoot, contextDirName(contextName)), { recursive: true, force: true });
  }

  delete(contextName: string): Promise<void> {
    return this.vacate(contextName);
  }
}
