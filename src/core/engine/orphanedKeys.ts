/**
 * Stored TLS keys that no context can use any more: their context is gone (`docker context rm`
 * in a terminal leaves SecretStorage alone), or a context of the same name now points at
 * another engine than the one they were made for. Offered for deletion, never deleted unasked.
 */
import type { DockerContext } from '../contexts/dockerContext';
import { engineAddress } from '../contexts/engineAddress';

export interface StoredKeyEntry {
  name: string;
  /** The engine address the keys are bound to; undefined when they record none. */
  endpoint: string | undefined;
}

export interface OrphanedKeys extends StoredKeyEntry {
  /** Why no context uses them, for a person. */
  why: string;
}

export function orphanedKeys(stored: readonly StoredKeyEntry[], contexts: readonly Pick<DockerContext, 'name' | 'host' | 'transport'>[]): OrphanedKeys[] {
  const byName = new Map(contexts.map((context) => [context.name, context]));
  const orphans: OrphanedKeys[] = [];
  for (const entry of stored) {
    const context = byName.get(entry.name);
    const made = entry.endpoint ? `made for ${entry.endpoint}` : 'engine not recorded';
    if (!context) {
      orphans.push({ ...entry, why: `context removed; ${made}` });
      continue;
    }
    const now = engineAddress(context) ?? context.host;
    // Keys that record no engine are not orphans while their context exists: their first use asks.
    if (entry.endpoint && entry.endpoint !== now) orphans.push({ ...entry, why: `${made}; "${entry.name}" now points at ${now}` });
  }
  return orphans;
}
