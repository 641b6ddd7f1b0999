/** What the "Create TLS Context" flow has gathered so far. */
import { tcpEndpoint } from '../../../core/certificates/hostNames';
import type { KeyType } from '../../../core/certificates/keyTypes';
import type { ClientMaterial } from '../../../core/certificates/validateClientMaterial';
import type { Tier } from '../../../core/contexts/tiers';
import type { TlsMaterial } from '../../../core/contexts/tls/tlsMaterial';

export type CertificateSource = 'generate' | 'import';

export interface TlsContextDraft {
  name: string;
  host: string;
  port: string;
  description: string;
  tier: Tier | undefined;
  source: CertificateSource | undefined;
  /** Generate: the key type (setting `certificates.keyType` by default). */
  keyType: KeyType | undefined;
  /** Generate: where the server bundle goes. */
  serverBundleDir: string | undefined;
  /** Import: files read whose key needs its passphrase (the passphrase step's question). */
  encryptedKey: { material: ClientMaterial; prompt: string } | undefined;
  /** Import: the validated material (key decrypted), ready for SecretStorage. */
  imported: TlsMaterial | undefined;
}

export function emptyDraft(): TlsContextDraft {
  return {
    name: '',
    host: '',
    port: '2376',
    description: '',
    tier: undefined,
    source: undefined,
    keyType: undefined,
    serverBundleDir: undefined,
    encryptedKey: undefined,
    imported: undefined,
  };
}

/** The Docker endpoint of the draft: tcp://host:port (IPv6 in brackets). */
export function draftHost(draft: TlsContextDraft): string {
  return tcpEndpoint(draft.host, Number(draft.port));
}
