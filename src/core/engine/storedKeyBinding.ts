/**
 * Keys kept outside the Docker CLI's store (in VS Code's SecretStorage) are keyed by a context
 * name only, and a name outlives its context: after `docker context rm prod`, a new `prod` (an
 * import keeps our metadata marker) may point at another host. So stored keys record the engine
 * address they were made for, and are sent only there, and only to an engine verified with
 * the CA stored beside them (never with SkipTLSVerify). Anything else is refused here, with a
 * typed error the UI turns into a question (an action) or a state (a probe).
 */
import type { DockerContext } from '../contexts/dockerContext';
import { engineAddress } from '../contexts/engineAddress';
import type { TlsMaterial } from '../contexts/tls/tlsMaterial';
import { EngineError } from './engineErrors';

/** Keys as kept apart from the Docker CLI's store, with the engine address (engineAddress) they were made for; absent in keys stored before bindings were recorded. */
export type BoundTlsMaterial = TlsMaterial & { endpoint?: string };

/** The stored keys were made for another engine address (or, stored by an earlier version, record none). */
export class StoredKeysBoundElsewhere extends EngineError {
  constructor(
    readonly contextName: string,
    /** Where the keys were made for; undefined for keys stored before bindings were recorded. */
    readonly boundTo: string | undefined,
    /** Where the context points now. */
    readonly now: string,
  ) {
    super(
      'keysBoundElsewhere',
      boundTo
        ? `The TLS keys stored for "${contextName}" were made for ${boundTo}; this context now points at ${now}. They are not sent there unless you agree ("Use Stored Keys for This Endpoint…" on the context, or an action on it), or delete them ("Delete Stored Keys of Removed Contexts…").`
        : `The TLS keys stored for "${contextName}" record no engine (stored by an earlier version); this context points at ${now}. They are not sent there unless you agree ("Use Stored Keys for This Endpoint…" on the context, or an action on it).`,
    );
  }
}

/** The question that lets the user rebind the keys to where the context points now. */
export function rebindQuestion(error: StoredKeysBoundElsewhere): string {
  const made = error.boundTo ? `were made for ${error.boundTo}` : 'record no engine (stored by an earlier version)';
  return `The TLS keys stored for "${error.contextName}" ${made}; this context now points at ${error.now}. Use them for ${error.now}?`;
}

const certificatePem = /-----BEGIN CERTIFICATE-----/;

/**
 * Why the keys stored for `context` must not be sent, or undefined when they may: the context
 * points at the address they are bound to, verifies the engine (no SkipTLSVerify), and a CA is
 * stored to verify it with.
 */
export function storedKeysRefusal(context: DockerContext, stored: Pick<BoundTlsMaterial, 'endpoint' | 'caPem'>): EngineError | undefined {
  if (context.skipTLSVerify) {
    return new EngineError(
      'keysUnverified',
      `"${context.name}" says SkipTLSVerify, so its TLS keys in SecretStorage are not sent: the engine's identity would not be checked, and any server at ${context.host} would receive the client certificate. Turn SkipTLSVerify off first (docker context update ${context.name} --docker "host=${context.host}").`,
    );
  }
  if (!certificatePem.test(stored.caPem)) {
    return new EngineError(
      'tlsMaterialInvalid',
      `The TLS keys stored for "${context.name}" come without a CA certificate to verify the engine with, so they are not sent.`,
    );
  }
  const now = engineAddress(context) ?? context.host;
  return stored.endpoint === now ? undefined : new StoredKeysBoundElsewhere(context.name, stored.endpoint, now);
}
