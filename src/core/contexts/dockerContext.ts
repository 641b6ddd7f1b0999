/**
 * Our model of a Docker context, and the mapping from the Docker CLI's meta.json to it.
 *
 * meta.json is foreign input (any tool, or a person, may have written it), so it is checked
 * here at the boundary and never trusted further in: a file that does not parse, lacks a
 * Docker endpoint or sits in the wrong directory becomes a context with an `error`, so one
 * broken file never hides the others.
 */
import { contextDirName } from './contextNames';
import { transportOf, type Transport } from './endpoint';
import { isTier, type Tier } from './tiers';

export interface TlsFilesPresent {
  ca: boolean;
  cert: boolean;
  key: boolean;
}

export interface DockerContext {
  name: string;
  description: string;
  /** The Docker endpoint address, e.g. `ssh://ops@build-1` (empty when the meta has none). */
  host: string;
  /** Null when the endpoint is missing or not an address docker can use (see `error`). */
  transport: Transport | null;
  skipTLSVerify: boolean;
  tls: TlsFilesPresent;
  /** The tier stored in the context's own metadata by this extension, if any. */
  storedTier: Tier | null;
  /** Its TLS keys are held in VS Code's SecretStorage by this extension, not in the CLI's store. */
  keysInSecretStorage: boolean;
  /** The implicit `default` context, which has no meta.json. */
  isDefault: boolean;
  /** Why this context cannot be used as stored, or null. */
  error: string | null;
}

/** Where this extension keeps its own fields inside a context's `Metadata` (the Docker CLI preserves unknown fields). */
export const guardMetadataKey = 'DockerContextGuard';

/** The value of `Metadata.DockerContextGuard.keys` for a context whose TLS keys live in SecretStorage. */
export const secretStorageKeys = 'secretStorage';

export const noTlsFiles: TlsFilesPresent = { ca: false, cert: false, key: false };

/** Go's encoding/json matches object keys case-insensitively, and so does the Docker CLI: do the same. */
export function field(object: unknown, key: string): unknown {
  if (typeof object !== 'object' || object === null || Array.isArray(object)) return undefined;
  const record = object as Record<string, unknown>;
  if (key in record) return record[key];
  const match = Object.keys(record).find((candidate) => candidate.toLowerCase() === key.toLowerCase());
  return match === undefined ? undefined : record[match];
}

/**
 * `meta` with one of this extension's Metadata fields set (or, with undefined, removed), every
 * other field kept; the guard object goes when it ends up empty. Keys are matched as `field` reads them.
 */
export function withGuardField(meta: Record<string, unknown>, key: string, value: string | undefined): Record<string, unknown> {
  const asObject = (value: unknown) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
  const keyIn = (object: Record<string, unknown>, wanted: string) => Object.keys(object).find((candidate) => candidate.toLowerCase() === wanted.toLowerCase()) ?? wanted;
  const metadata = { ...asObject(field(meta, 'Metadata')) };
  const guardFields = { ...asObject(field(metadata, guardMetadataKey)) };
  if (value === undefined) delete guardFields[key];
  else guardFields[key] = value;
  const guardKey = keyIn(metadata, guardMetadataKey);
  if (Object.keys(guardFields).length > 0) metadata[guardKey] = guardFields;
  else delete metadata[guardKey];
  return { ...meta, [keyIn(meta, 'Metadata')]: metadata };
}

/** The `Name` of a meta.json that no longer parses, when it can still be read off the text. */
function nameFromBrokenJson(text: string): string | undefined {
  const match = /"name"\s*:\s*"((?:[^"\\]|\\.)*)"/i.exec(text);
  if (!match) return undefined;
  try {
    return JSON.parse(`"${match[1]}"`) as string;
  } catch {
    return undefined;
  }
}

/** A context that could not be read: listed under the best name we have, with the reason. */
export function brokenContext(name: string, error: string): DockerContext {
  return {
    name,
    description: '',
    host: '',
    transport: null,
    skipTLSVerify: false,
    tls: noTlsFiles,
    storedTier: null,
    keysInSecretStorage: false,
    isDefault: false,
    error,
  };
}

/**
 * Maps the text of `contexts/meta/<dirName>/meta.json` to a context. Never throws: every
 * problem ends up in `error`.
 */
export function contextFromMetaJson(text: string, dirName: string, tls: TlsFilesPresent): DockerContext {
  let meta: unknown;
  try {
    meta = JSON.parse(text);
  } catch (parseError) {
    const name = nameFromBrokenJson(text) ?? dirName;
    return brokenContext(name, `meta.json is not valid JSON (${(parseError as Error).message})`);
  }
  const name = field(meta, 'Name');
  if (typeof name !== 'string' || name === '') return brokenContext(dirName, 'meta.json has no context name');

  const metadata = field(meta, 'Metadata');
  const description = field(metadata, 'Description');
  const guardFields = field(metadata, guardMetadataKey);
  const storedTier = field(guardFields, 'tier');
  const keysInSecretStorage = field(guardFields, 'keys') === secretStorageKeys;
  const endpoint = field(field(meta, 'Endpoints'), 'docker');
  const host = field(endpoint, 'Host');
  const skipTLSVerify = field(endpoint, 'SkipTLSVerify') === true;

  const context: DockerContext = {
    name,
    description: typeof description === 'string' ? description : '',
    host: typeof host === 'string' ? host : '',
    transport: null,
    skipTLSVerify,
    tls,
    storedTier: isTier(storedTier) ? storedTier : null,
    keysInSecretStorage,
    isDefault: false,
    error: null,
  };
  if (contextDirName(name) !== dirName) {
    context.error = `meta.json of "${name}" is in the wrong directory (expected contexts/meta/${contextDirName(name)}), so the Docker CLI cannot find it by name`;
    return context;
  }
  if (endpoint === undefined) {
    context.error = 'the context has no Docker endpoint';
    return context;
  }
  try {
    context.transport = transportOf(context.host, skipTLSVerify || keysInSecretStorage || tls.ca || tls.cert || tls.key);
  } catch (endpointError) {
    context.error = (endpointError as Error).message;
  }
  return context;
}
