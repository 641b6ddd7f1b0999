/**
 * Where a context's TLS keys are kept. docker/cli keeps TLS data apart from the metadata "so
 * that in the future, we will be able to store sensitive information in a more secure way …
 * (e.g. … the user Keychain)" (cli/context/store/doc.go): this is that seam, with two
 * implementations — the Docker CLI's files (cliTlsFiles.ts) and VS Code's SecretStorage
 * (src/ui/state/secretTlsStore.ts) — and the context's metadata marker saying which one holds
 * its keys (guardMetadata.ts).
 */
import type { DockerContext } from '../dockerContext';
import type { TlsMaterial } from './tlsMaterial';

/** Which store holds a context's keys: the marker in its metadata records `secretStorage`, nothing for `dockerCli`. */
export type KeysLocation = 'dockerCli' | 'secretStorage';

/** What keys are bound with: the context's name and its endpoint now. */
export type KeyOwner = Pick<DockerContext, 'name' | 'host' | 'transport'>;

export interface TlsKeyStore {
  readonly location: KeysLocation;
  /** Where the keys of `contextName` go in this store, for a person ("/…/contexts/tls/…/docker", "VS Code SecretStorage"). */
  describe(contextName: string): string;
  /** The context's material here, for connecting (a store may refuse, by a typed error), or undefined when it holds none. */
  read(context: DockerContext): Promise<Partial<TlsMaterial> | undefined>;
  /** Keeps `material` as the keys of `owner`, replacing what was there. */
  write(owner: KeyOwner, material: TlsMaterial): Promise<void>;
  /** The keys moved to the other store: drops them here, keeping only what no other store holds (a generated CA's key). */
  vacate(contextName: string): Promise<void>;
  /** Deletes everything held for `contextName` (its context was removed). */
  delete(contextName: string): Promise<void>;
}
