/**
 * Why an archive was not imported. An archive comes from elsewhere (a colleague, a download, a
 * chat), so anything unexpected refuses the whole of it before a single file is written; the
 * reason is a stable code for callers and tests, the message says it in words.
 */

export type ArchiveRefusalReason =
  /** Over the Docker CLI's 10 MiB, as a file or as the sum of its entries. */
  | 'too-large'
  /** Neither a tar nor a zip. */
  | 'unknown-format'
  /** Truncated, or its structures contradict each other. */
  | 'corrupt'
  | 'bad-checksum'
  /** A link, device, FIFO or extended header: only regular files and directories are expected. */
  | 'entry-type'
  | 'absolute-path'
  /** A `..` segment. */
  | 'path-traversal'
  | 'backslash'
  /** A name outside meta.json and tls/<endpoint>/{ca,cert,key}.pem. */
  | 'unexpected-entry'
  | 'duplicate-entry'
  /** meta.json missing, not JSON, or without a usable Docker endpoint. */
  | 'bad-meta'
  /** A zip feature beyond stored/deflated entries: other methods, encryption, several disks. */
  | 'unsupported-zip'
  /** A zip entry whose data is not the size its headers declare. */
  | 'size-mismatch'
  /** TLS files this extension cannot import: another endpoint's, or not all of ca, cert and key. */
  | 'unsupported-tls';

export class ArchiveRefused extends Error {
  constructor(
    readonly reason: ArchiveRefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'ArchiveRefused';
  }
}
