/**
 * Our model of a Docker context, and the mapping from the Docker CLI's meta.json to it.
 *
 * meta.json is foreign input (any tool, or a person, may have written it), so it is read here
 * at the boundary exactly as the Docker CLI reads it, and never trusted further in: a file
 * docker cannot read, one without a Docker endpoint or in the wrong directory becomes a
 * context with an `error`, so one broken file never hides the others.
 */
import { contextDirName } from './contextNames';
import { type Transport, transportOf } from './endpoint';
import { GoJsonSyntaxError } from './goJson';
import { guardFieldsOf } from './guardMetadata';
import { decodeMetaJson, dockerEndpointOf, type DockerMeta, metadataValue } from './metaJson';
import type { Tier } from './tiers';
import type { TlsPart } from './tls/tlsMaterial';

export interface DockerContext {
  name: string;
  description: string;
  /** The Docker endpoint address, e.g. `ssh://ops@build-1` (empty when the meta has none: docker then dials the platform socket). */
  host: string;
  /** Null when the endpoint is missing or not an address docker can use (see `error`). */
  transport: Transport | null;
  skipTLSVerify: boolean;
  /** Which of its TLS files the Docker CLI's store holds. */
  tls: Record<TlsPart, boolean>;
  /** The tier stored in the context's own metadata by this extension, if any. */
  storedTier: Tier | null;
  /** Its TLS keys are held in VS Code's SecretStorage by this extension, not in the CLI's store. */
  keysInSecretStorage: boolean;
  /** The implicit `default` context, which has no meta.json. */
  isDefault: boolean;
  /** Why this context cannot be used as stored, or null. */
  error: string | null;
}

export const noTlsFiles: Record<TlsPart, boolean> = { ca: false, cert: false, key: false };

/** What the store holds of a context's TLS material, as docker/cli's tlsStore lists it. */
export interface StoredTls {
  files: Record<TlsPart, boolean>;
  /** `tls/<id>/docker/` is a directory: docker then talks TLS to a TCP endpoint, even with no file in it. */
  endpointDir: boolean;
  /** Why docker would refuse the context over its TLS files (see tlsListing.ts), or null. */
  error: string | null;
}

/** The `Name` of a meta.json docker cannot read, when it can still be read off the text. */
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
 * Maps the text of `contexts/meta/<dirName>/meta.json` to a context, read as the Docker CLI
 * reads it (see metaJson.ts). Never throws: every problem ends up in `error`.
 */
export function contextFromMetaJson(text: string, dirName: string, tls: StoredTls): DockerContext {
  let meta: DockerMeta;
  try {
    meta = decodeMetaJson(text);
  } catch (parseError) {
    const name = nameFromBrokenJson(text) ?? dirName;
    const reason = parseError instanceof GoJsonSyntaxError ? 'is not valid JSON' : 'cannot be read by the Docker CLI';
    return brokenContext(name, `meta.json ${reason} (${(parseError as Error).message})`);
  }
  if (meta.name === '') return brokenContext(dirName, 'meta.json has no context name');
  const description = metadataValue(meta, 'Description');
  const { storedTier, keysIn } = guardFieldsOf(meta);
  const keysInSecretStorage = keysIn === 'secretStorage';
  const endpoint = dockerEndpointOf(meta);
  const found = 'error' in endpoint ? undefined : endpoint;
  const context: DockerContext = {
    name: meta.name,
    description: typeof description === 'string' ? description : '',
    host: found?.host ?? '',
    transport: null,
    skipTLSVerify: found?.skipTLSVerify ?? false,
    tls: tls.files,
    storedTier,
    keysInSecretStorage,
    isDefault: false,
    error: null,
  };
  if (contextDirName(meta.name) !== dirName) {
    context.error = `meta.json of "${meta.name}" is in the wrong directory (expected contexts/meta/${contextDirName(meta.name)}), so the Docker CLI cannot find it by name`;
    return context;
  }
  if (!found) {
    context.error = (endpoint as { error: string }).error;
    return context;
  }
  if (tls.error) {
    context.error = tls.error;
    return context;
  }
  try {
    context.transport = transportOf(found.host, found.skipTLSVerify || keysInSecretStorage || tls.endpointDir);
  } catch (endpointError) {
    context.error = (endpointError as Error).message;
  }
  return context;
}
