/** VS Code's SecretStorage and a Memento (globalState) in memory, for SecretTlsStore outside VS Code. */
import type * as vscode from 'vscode';

import { SecretTlsStore } from '../../src/ui/state/secretTlsStore';

export class MemorySecrets {
  readonly values = new Map<string, string>();
  get = async (key: string) => this.values.get(key);
  store = async (key: string, value: string) => void this.values.set(key, value);
  delete = async (key: string) => void this.values.delete(key);
}

export class MemoryMemento {
  private readonly values = new Map<string, unknown>();
  get = <T>(key: string) => this.values.get(key) as T | undefined;
  update = async (key: string, value: unknown) => void this.values.set(key, value);
  keys = () => [...this.values.keys()];
}

export function memorySecretTlsStore(secrets = new MemorySecrets()): SecretTlsStore {
  return new SecretTlsStore(secrets as unknown as vscode.SecretStorage, new MemoryMemento() as unknown as vscode.Memento);
}
