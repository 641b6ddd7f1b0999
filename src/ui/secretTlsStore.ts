/**
 * TLS material kept in VS Code's SecretStorage (the OS keychain behind it), one secret per
 * context: the CA certificate, the client certificate and key, and — for CAs this extension
 * generated — the CA key needed to rotate the client certificate. Connections read it into
 * memory only; nothing here ever writes a key to disk.
 */
import type * as vscode from 'vscode';
import type { DockerContext } from '../core/contexts/dockerContext';
import type { TlsMaterial, TlsMaterialSource } from '../core/engine/tlsMaterial';

export interface StoredTlsSecrets {
  caPem: string;
  certPem: string;
  keyPem: string;
  /** Present when this extension generated the CA (for "Rotate Client Certificate"). */
  caKeyPem?: string;
}

const secretKey = (contextName: string) => `dockerContextGuard.tls/${contextName}`;

export class SecretTlsStore implements TlsMaterialSource {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async save(contextName: string, material: StoredTlsSecrets): Promise<void> {
    await this.secrets.store(secretKey(contextName), JSON.stringify(material));
  }

  async load(contextName: string): Promise<StoredTlsSecrets | undefined> {
    const text = await this.secrets.get(secretKey(contextName));
    if (!text) return undefined;
    try {
      const parsed = JSON.parse(text) as Partial<StoredTlsSecrets>;
      if (typeof parsed.caPem !== 'string' || typeof parsed.certPem !== 'string' || typeof parsed.keyPem !== 'string') return undefined;
      return parsed as StoredTlsSecrets;
    } catch {
      return undefined;
    }
  }

  async delete(contextName: string): Promise<void> {
    await this.secrets.delete(secretKey(contextName));
  }

  async read(context: DockerContext): Promise<TlsMaterial | undefined> {
    if (!context.keysInSecretStorage) return undefined;
    const stored = await this.load(context.name);
    if (!stored) return undefined;
    return { ca: Buffer.from(stored.caPem), cert: Buffer.from(stored.certPem), key: Buffer.from(stored.keyPem) };
  }
}
