/**
 * TLS material kept in VS Code's SecretStorage (the OS keychain behind it), one secret per
 * context: the CA certificate, the client certificate and key, and — for CAs this extension
 * generated — the CA key needed to rotate the client certificate. Connections read it into
 * memory only; nothing here ever writes a key to disk.
 *
 * A secret is found by the context's name, but sent only where it was made for: each records
 * the engine address it was saved for, and read() refuses it anywhere else (storedKeyBinding.ts).
 * SecretStorage cannot list its keys, so the names that have a secret are kept in globalState,
 * to find the keys of contexts that are gone.
 */
import type * as vscode from 'vscode';
import type { DockerContext } from '../../core/contexts/dockerContext';
import { engineAddress } from '../../core/contexts/engineAddress';
import type { StoredKeyEntry } from '../../core/engine/orphanedKeys';
import { storedKeysRefusal } from '../../core/engine/storedKeyBinding';
import type { TlsMaterial, TlsMaterialSource } from '../../core/engine/tlsMaterial';

export interface StoredTlsSecrets {
  caPem: string;
  certPem: string;
  keyPem: string;
  /** Present when this extension generated the CA (for "Rotate Client Certificate"). */
  caKeyPem?: string;
  /** The engine address (engineAddress) the keys were saved for; absent in secrets saved before bindings were recorded. */
  endpoint?: string;
}

/** What a secret is bound with: the context's name and its endpoint now. */
export type KeyOwner = Pick<DockerContext, 'name' | 'host' | 'transport'>;

const secretKey = (contextName: string) => `dockerContextGuard.tls/${contextName}`;
const indexKey = 'dockerContextGuard.storedKeyNames';

export class SecretTlsStore implements TlsMaterialSource {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    /** globalState: the context names that have a secret. */
    private readonly index: vscode.Memento,
  ) {}

  /** Stores `material` for `owner`, bound to the engine address it points at now. */
  async save(owner: KeyOwner, material: Omit<StoredTlsSecrets, 'endpoint'>): Promise<void> {
    const { caPem, certPem, keyPem, caKeyPem } = material;
    const stored: StoredTlsSecrets = { caPem, certPem, keyPem, caKeyPem, endpoint: engineAddress(owner) ?? owner.host };
    await this.secrets.store(secretKey(owner.name), JSON.stringify(stored));
    await this.setIndexed(owner.name, true);
  }

  /** The secret as stored, binding unchecked: for deciding, never for connecting. */
  async load(contextName: string): Promise<StoredTlsSecrets | undefined> {
    const text = await this.secrets.get(secretKey(contextName));
    if (!text) return undefined;
    // A secret stored before the index existed is found by its context, and indexed then.
    if (!this.names().includes(contextName)) await this.setIndexed(contextName, true);
    try {
      const parsed = JSON.parse(text) as Partial<StoredTlsSecrets>;
      if (typeof parsed.caPem !== 'string' || typeof parsed.certPem !== 'string' || typeof parsed.keyPem !== 'string') return undefined;
      if (parsed.endpoint !== undefined && typeof parsed.endpoint !== 'string') return undefined;
      return parsed as StoredTlsSecrets;
    } catch {
      return undefined;
    }
  }

  /** The secret of `context` if it may be sent to where the context points now; throws why not (StoredKeysBoundElsewhere, …). */
  async loadFor(context: DockerContext): Promise<StoredTlsSecrets | undefined> {
    const stored = await this.load(context.name);
    const refusal = stored && storedKeysRefusal(context, stored);
    if (refusal) throw refusal;
    return stored;
  }

  /** Binds the stored keys of `context` to where it points now (the user agreed). */
  async rebind(context: KeyOwner): Promise<void> {
    const stored = await this.load(context.name);
    if (stored) await this.save(context, stored);
  }

  async delete(contextName: string): Promise<void> {
    await this.secrets.delete(secretKey(contextName));
    await this.setIndexed(contextName, false);
  }

  /** The context names that have (or had, until a delete elsewhere) a secret here. */
  names(): string[] {
    const names = this.index.get<unknown>(indexKey);
    return Array.isArray(names) ? names.filter((name): name is string => typeof name === 'string') : [];
  }

  /** Every indexed secret with the address it is bound to; names whose secret is gone leave the index. */
  async entries(): Promise<StoredKeyEntry[]> {
    const entries: StoredKeyEntry[] = [];
    for (const name of this.names()) {
      const stored = await this.load(name);
      if (stored) entries.push({ name, endpoint: stored.endpoint });
      else if (!(await this.secrets.get(secretKey(name)))) await this.setIndexed(name, false);
    }
    return entries;
  }

  async read(context: DockerContext): Promise<TlsMaterial | undefined> {
    if (!context.keysInSecretStorage) return undefined;
    const stored = await this.loadFor(context);
    if (!stored) return undefined;
    return { ca: Buffer.from(stored.caPem), cert: Buffer.from(stored.certPem), key: Buffer.from(stored.keyPem), pinned: true };
  }

  private async setIndexed(name: string, present: boolean): Promise<void> {
    const others = this.names().filter((indexed) => indexed !== name);
    await this.index.update(indexKey, present ? [...others, name].sort() : others);
  }
}
