/**
 * The TLS side of a connection to an engine: the context's material, from the store that holds
 * it (tlsKeyStore.ts: the Docker CLI's files, or SecretStorage, asked first), lives only in
 * memory here.
 *
 * Before a connection, the material is judged as docker judges it (validateClientMaterial), and the
 * engine's name is checked as Go checks it: OpenSSL, left alone, would connect where docker does
 * not (it completes a client chain from ca.pem, and falls back to the common name).
 */
import { isIP } from 'node:net';
import { checkServerIdentity, type ConnectionOptions, type PeerCertificate } from 'node:tls';

import { validateClientMaterial } from '../certificates/validateClientMaterial';
import type { DockerContext } from '../contexts/dockerContext';
import type { TlsKeyStore } from '../contexts/tls/tlsKeyStore';
import type { TlsMaterial } from '../contexts/tls/tlsMaterial';
import { EngineError } from './engineErrors';

/** What a connection is made with: any of the parts; `pinned` for keys held apart from the Docker CLI's store (the engine is then verified with `caPem`, whatever SkipTLSVerify says). */
export type ConnectionMaterial = Partial<TlsMaterial> & { pinned?: boolean };

export interface TlsMaterialSource {
  /** The context's TLS material, or undefined when this source holds none for it. */
  read(context: DockerContext): Promise<ConnectionMaterial | undefined>;
}

/** Asks each store in turn; the first that has material for the context wins. */
export class FirstTlsMaterial implements TlsMaterialSource {
  constructor(private readonly stores: readonly Pick<TlsKeyStore, 'read' | 'location'>[]) {}

  async read(context: DockerContext): Promise<ConnectionMaterial | undefined> {
    for (const store of this.stores) {
      const material = await store.read(context);
      if (material) return { ...material, pinned: store.location === 'secretStorage' };
    }
    return undefined;
  }
}

/**
 * The context keeps its keys in SecretStorage, but the one this program sees holds none for it:
 * they were stored by another VS Code (profile, installation, or browser origin of code-server),
 * or this is the CLI or docker, which read no SecretStorage.
 */
export function secretKeysNotHere(context: DockerContext, material: ConnectionMaterial | undefined): EngineError | undefined {
  if (!context.keysInSecretStorage || material?.keyPem !== undefined) return undefined;
  return new EngineError(
    'tlsMaterialMissing',
    `The TLS keys of "${context.name}" are in the SecretStorage of another VS Code (another profile or installation, or another browser origin of code-server), not in this one; the CLI and docker read no SecretStorage. Use the context where its keys were stored, or export them there ("Export Keys to Docker CLI").`,
  );
}

/** Not checked before connecting: Go's TLS accepts RSA keys from 1024 bits, and any certificate in ca.pem as a root. */
const acceptedByDocker = new Set(['weakKey', 'caNotAuthority']);

/** ca, cert, key and the name check for a TLS connection; throws an EngineError naming what docker would refuse. */
export function tlsConnectOptions(context: DockerContext, material: ConnectionMaterial | undefined): ConnectionOptions {
  const missing = secretKeysNotHere(context, material);
  if (missing) throw missing;
  const { caPem: ca, certPem: cert, keyPem: key } = material ?? {};
  if (cert !== undefined && key !== undefined) {
    const verdict = validateClientMaterial({ caPem: ca ?? '', certPem: cert, keyPem: key });
    // Without ca.pem, docker verifies the engine against the system's CAs: nothing of ca.pem to judge.
    const problem = verdict.valid
      ? undefined
      : verdict.problems.find((found) => !acceptedByDocker.has(found.code) && (ca !== undefined || found.file !== 'ca'));
    if (problem) {
      const detail =
        problem.code === 'passphraseRequired'
          ? 'key.pem is encrypted, and docker cannot use an encrypted key: decrypt it (openssl pkey -in key.pem -out key.pem).'
          : problem.message;
      throw new EngineError('tlsMaterialInvalid', `The TLS files of "${context.name}" will not connect: ${detail}`);
    }
  }
  // Go takes every certificate of ca.pem as a root, an intermediate too; OpenSSL wants a self-signed one unless told.
  // Buffers, as files are: an empty ca.pem is then still a CA list (none), never "no ca given" (the system's roots).
  const bytes = (pem: string | undefined) => (pem === undefined ? undefined : Buffer.from(pem));
  return { ca: bytes(ca), cert: bytes(cert), key: bytes(key), allowPartialTrustChain: true, checkServerIdentity: goServerIdentity };
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
