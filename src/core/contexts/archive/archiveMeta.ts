/**
 * meta.json on its way into an archive's context: the Docker CLI renames an imported context
 * (the archive's Name does not count). This extension's own fields are edited by
 * guardMetadata.ts (an archive carries its keys in files, so never the SecretStorage marker).
 */

export type JsonObject = Record<string, unknown>;

/** `meta` named `name`, its Name first as the Docker CLI writes it. */
export function withName(meta: JsonObject, name: string): JsonObject {
  const rest = Object.entries(meta).filter(([key]) => key.toLowerCase() !== 'name');
  return { Name: name, ...Object.fromEntries(rest) };
}
