/**
 * Where a context's TLS files come from. The Docker CLI keeps them in its store
 * (contexts/tls/<sha256>/docker/{ca,cert,key}.pem), or, for the default context, in
 * DOCKER_CERT_PATH. Other sources (keys held in VS Code's SecretStorage) implement the same
 * interface and are asked first; material only ever lives in memory here.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { ContextStore } from '../contexts/contextStore';
import type { DockerContext } from '../contexts/dockerContext';

export interface TlsMaterial {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

export interface TlsMaterialSource {
  /** The context's TLS material, or undefined when this source holds none for it. */
  read(context: DockerContext): Promise<TlsMaterial | undefined>;
}

const readIfPresent = (file: string) => readFile(file).catch((error: NodeJS.ErrnoException) => {
  if (error.code === 'ENOENT') return undefined;
  throw error;
});

/** The TLS files of the Docker CLI's store (and DOCKER_CERT_PATH for the default context). */
export class StoreTlsMaterial implements TlsMaterialSource {
  constructor(
    private readonly store: ContextStore,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  async read(context: DockerContext): Promise<TlsMaterial | undefined> {
    const dir = context.isDefault ? this.env.DOCKER_CERT_PATH || this.store.configDir : this.store.tlsDirOf(context.name);
    const [ca, cert, key] = await Promise.all(['ca.pem', 'cert.pem', 'key.pem'].map((file) => readIfPresent(path.join(dir, file))));
    return ca || cert || key ? { ca, cert, key } : undefined;
  }
}

/** Asks each source in turn; the first that has material for the context wins. */
export class FirstTlsMaterial implements TlsMaterialSource {
  constructor(private readonly sources: TlsMaterialSource[]) {}

  async read(context: DockerContext): Promise<TlsMaterial | undefined> {
    for (const source of this.sources) {
      const material = await source.read(context);
      if (material) return material;
    }
    return undefined;
  }
}
