/**
 * The edits a meta.json gets on its way into or out of an archive. The Docker CLI renames an
 * imported context (the archive's Name does not count), and the SecretStorage marker is true
 * only on the machine whose SecretStorage holds the keys: an archive carries its keys in files.
 */
import { secretStorageKeys, withGuardField } from '../dockerContext';

export type JsonObject = Record<string, unknown>;

/** `meta` named `name`, its Name first as the Docker CLI writes it. */
export function withName(meta: JsonObject, name: string): JsonObject {
  const rest = Object.entries(meta).filter(([key]) => key.toLowerCase() !== 'name');
  return { Name: name, ...Object.fromEntries(rest) };
}

/** `meta` with this extension's "keys are in SecretStorage" marker set or removed, every other field kept. */
export function withSecretStorageMarker(meta: JsonObject, keysInSecretStorage: boolean): JsonObject {
  return withGuardField(meta, 'keys', keysInSecretStorage ? secretStorageKeys : undefined);
}
