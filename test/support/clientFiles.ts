/** Client TLS files as read from disk (Buffers, as dockerd's readiness check takes them), and the material a connection reads of them. */
import type { TlsMaterial } from '../../src/core/contexts/tls/tlsMaterial';

export interface ClientFiles {
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

export const pemsOf = (files: ClientFiles | undefined): TlsMaterial | undefined =>
  files && { caPem: files.ca.toString(), certPem: files.cert.toString(), keyPem: files.key.toString() };
