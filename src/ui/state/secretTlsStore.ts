/**
 * TLS material kept in VS Code's SecretStorage (the OS keychain behind it), one secret per
 * context: the CA certificate, the client certificate and key, and — for CAs this extension
 * generated — the CA key needed to rotate the client certificate. Connections read it into
 * memory only; nothing here ever writes a key to disk. One of the two TlsKeyStores (the other
 * is the Docker CLI's files); moving keys between them is core (moveTlsKeys.ts).
 *
 * A secret is found by the context's name, but sent only where it was made for: each records
 * the engine address it was saved for, and read() refuses it anywhere else (storedKeyBinding.ts).
 * SecretStorage cannot list its keys, so the names that have a secret are kept in globalState,
 * to find the keys of contexts that are gone.
 */
import type * as vscode from 'vscode';

import type { DockerContext } from '../../core/contexts/dockerContext';
import { engineAddress } from '../../core/contexts/engineAddress';
import type { KeyOwner, TlsKeyStore } from '../../core/contexts/tls/tlsKeyStore';
import type { TlsMaterial } from '../../core/contexts/tls/tlsMaterial';
import type { StoredKeyEntry } from '../../core/engine/orphanedKeys';
import { type BoundTlsMaterial, storedKeysRefusal } from '../../core/engine/storedKeyBinding';

const secretKey = (contextName: string) => `dockerContextGuard.tls/${contextName}`;
const indexKey = 'dockerContextGuard.storedKeyNames';

export class SecretTlsStore implements TlsKeyStore {
  readonly location = 'secretStorage';

  constructor(
    private readonly secrets: vscode.SecretStorage,
    /** globalState: the context names that have a secret. */
    private readonly index: vscode.Memento,
  ) {}

  describe(): string {
    return "VS Code's SecretStorage";
  }

  /** Stores `material` for `owner`, bound to the engine address it points at now. */
  async save(owner: KeyOwner, material: TlsMaterial): Promise<void> {
    const { caPem, certPem, keyPem, caKeyPem } = material;
    const stored: BoundTlsMaterial = { caPem, certPem, keyPem, caKeyPem, endpoint: engineAddress(owner) ?? owner.host };
    await this.secrets.store(secretKey(owner.name), JSON.stringify(stored));
    await this.setIndexed(owner.name, true);
  }

  /** Keys moved here: saved as `save` does, keeping a CA key held from before for this same CA only (not one of an earlier context of this name). */
  async write(owner: KeyOwner, material: TlsMaterial): Promise<void> {
    const existing = await this.load(owner.name);
    await this.save(owner, { ...material, caKeyPem: material.caKeyPem ?? (existing?.caPem === material.caPem ? existing.caKeyPem : undefined) });
  }

  /** The secret as stored, binding unchecked: for deciding, never for connecting. */
  async load(contextName: string): Promise<BoundTlsMaterial | undefined> {
    const text = await this.secrets.get(secretKey(contextName));
    if (!text) return undefined;
    // A secret stored before the index existed is found by its context, and indexed then.
    if (!this.names().includes(contextName)) await this.setIndexed(contextName, true);
    try {
      const parsed = JSON.parse(text) as Partial<BoundTlsMaterial>;
      if (typeof parsed.caPem !== 'string' || typeof parsed.certPem !== 'string' || typeof parsed.keyPem !== 'string') return undefined;
      if (parsed.endpoint !== undefined && typeof parsed.endpoint !== 'string') return undefined;
      return parsed as BoundTlsMaterial;
    } catch {
      return undefined;
    }
  }

  /** The secret of `context` if it may be sent to where the context points now; throws why not (StoredKeysBoundElsewhere, …). */
  async loadFor(context: DockerContext): Promise<BoundTlsMaterial | undefined> {
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

  /** The keys went to the Docker CLI's store: the secret goes, unless it holds a CA key (kept for rotation). */
  async vacate(contextName: string): Promise<void> {
    if (!(await this.load(contextName))?.caKeyPem) await this.delete(contextName);
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

  /** The keys of a context whose marker says they are here, for connecting (binding checked). */
  async read(context: DockerContext): Promise<TlsMaterial | undefined> {
    if (!context.keysInSecretStorage) return undefined;
    const stored = await this.loadFor(context);
    return stored && { caPem: stored.caPem, certPem: stored.certPem, keyPem: stored.keyPem };
  }

  private async setIndexed(name: string, present: boolean): Promise<void> {
    const others = this.names().filter((indexed) => indexed !== name);
    await this.index.update(indexKey, present ? [...others, name].sort() : others);
  }
}
