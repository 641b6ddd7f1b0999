/**
 * Where a context's TLS files come from. The Docker CLI keeps them in its store
 * (contexts/tls/<sha256>/docker/{ca,cert,key}.pem), or, for the default context, in
 * DOCKER_CERT_PATH. Other sources (keys held in VS Code's SecretStorage) implement the same
 * interface and are asked first; material only ever lives in memory here.
 *
 * Before a connection, the material is judged as docker judges it (validateClientMaterial), and the
 * engine's name is checked as Go checks it: OpenSSL, left alone, would connect where docker does
 * not (it completes a client chain from ca.pem, and falls back to the common name).
 */
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import * as path from 'node:path';
import { checkServerIdentity, type ConnectionOptions, type PeerCertificate } from 'node:tls';
import { validateClientMaterial } from '../certificates/validateClientMaterial';
import type { ContextStore } from '../contexts/contextStore';
import type { DockerContext } from '../contexts/dockerContext';
import { EngineError } from './engineErrors';

export interface TlsMaterial {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  /** Keys held apart from the store (SecretStorage): the engine is verified with `ca`, whatever SkipTLSVerify says. */
  pinned?: boolean;
}

export interface TlsMaterialSource {
  /** The context's TLS material, or undefined when this source holds none for it. */
  read(context: DockerContext): Promise<TlsMaterial | undefined>;
}

const readIfPresent = (file: string) => readFile(file).catch((error: NodeJS.ErrnoException) => {
  if (error.code === 'ENOENT') return undefined;
  throw error;
});

/** The TLS files of the Docker CLI's store (and DOCKER_CERT_PATH for the default context). */
export class StoreTlsMaterial implements TlsMaterialSource {
  constructor(
    private readonly store: ContextStore,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  async read(context: DockerContext): Promise<TlsMaterial | undefined> {
    const dir = context.isDefault ? this.env.DOCKER_CERT_PATH || this.store.configDir : this.store.tlsDirOf(context.name);
    const [ca, cert, key] = await Promise.all(['ca.pem', 'cert.pem', 'key.pem'].map((file) => readIfPresent(path.join(dir, file))));
    return ca || cert || key ? { ca, cert, key } : undefined;
  }
}

/** Asks each source in turn; the first that has material for the context wins. */
export class FirstTlsMaterial implements TlsMaterialSource {
  constructor(private readonly sources: TlsMaterialSource[]) {}

  async read(context: DockerContext): Promise<TlsMaterial | undefined> {
    for (const source of this.sources) {
      const material = await source.read(context);
      if (material) return material;
    }
    return undefined;
  }
}

/**
 * The context keeps its keys in SecretStorage, but the one this program sees holds none for it:
 * they were stored by another VS Code (profile, installation, or browser origin of code-server),
 * or this is the CLI or docker, which read no SecretStorage.
 */
export function secretKeysNotHere(context: DockerContext, material: TlsMaterial | undefined): EngineError | undefined {
  if (!context.keysInSecretStorage || material?.key) return undefined;
  return new EngineError(
    'tlsMaterialMissing',
    `The TLS keys of "${context.name}" are in the SecretStorage of another VS Code (another profile or installation, or another browser origin of code-server), not in this one; the CLI and docker read no SecretStorage. Use the context where its keys were stored, or export them there ("Export Keys to Docker CLI").`,
  );
}

/** Not checked before connecting: Go's TLS accepts RSA keys from 1024 bits, and any certificate in ca.pem as a root. */
const acceptedByDocker = new Set(['weakKey', 'caNotAuthority']);

/** ca, cert, key and the name check for a TLS connection; throws an EngineError naming what docker would refuse. */
export function tlsConnectOptions(context: DockerContext, material: TlsMaterial | undefined): ConnectionOptions {
  const missing = secretKeysNotHere(context, material);
  if (missing) throw missing;
  const { ca, cert, key } = material ?? {};
  if (cert && key) {
    const verdict = validateClientMaterial({ caPem: ca?.toString() ?? '', certPem: cert.toString(), keyPem: key.toString() });
    // Without ca.pem, docker verifies the engine against the system's CAs: nothing of ca.pem to judge.
    const problem = verdict.valid ? undefined : verdict.problems.find((found) => !acceptedByDocker.has(found.code) && (ca || found.file !== 'ca'));
    if (problem) {
      const detail = problem.code === 'passphraseRequired' ? 'key.pem is encrypted, and docker cannot use an encrypted key: decrypt it (openssl pkey -in key.pem -out key.pem).' : problem.message;
      throw new EngineError('tlsMaterialInvalid', `The TLS files of "${context.name}" will not connect: ${detail}`);
    }
  }
  // Go takes every certificate of ca.pem as a root, an intermediate too; OpenSSL wants a self-signed one unless told.
  return { ca, cert, key, allowPartialTrustChain: true, checkServerIdentity: goServerIdentity };
}

/**
 * Go matches the host against the subjectAltName only (since Go 1.15 the common name is ignored);
 * Node falls back to the common name when there is no DNS name. Errors carry Node's code.
 */
function goServerIdentity(host: string, certificate: PeerCertificate): Error | undefined {
  const names = certificate.subjectaltname ?? '';
  if (isIP(host.replace(/^\[|\]$/g, '')) || /(^|, )DNS:/.test(names)) return checkServerIdentity(host, certificate);
  const reason = names
    ? `it lists no DNS name for ${host}, only ${names}`
    : `it names ${host} only in its common name (CN=${certificate.subject?.CN ?? ''}), which docker ignores (Go has since 1.15)`;
  return Object.assign(new Error(`Hostname/IP does not match certificate's altnames: ${reason}`), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
}
