/**
 * The two questions an SSH connection may need a person for. The UI answers them with VS Code
 * dialogs, the CLI refuses both (it must never hang on a question nobody sees).
 */

export interface UnknownHostInfo {
  /** Host as looked up in known_hosts (the HostName, or HostKeyAlias). */
  host: string;
  port: number;
  /** e.g. `ssh-ed25519`. */
  keyType: string;
  /** `SHA256:…`, as `ssh-keygen -lf` prints it. */
  fingerprint: string;
}

export interface SshPrompts {
  /** True only if the person chose to trust the key; it is then added to known_hosts. */
  confirmUnknownHost(info: UnknownHostInfo): Promise<boolean>;
  /**
   * The passphrase of an encrypted key, or undefined to skip that key. `retry` is set when the
   * previous answer for this key was wrong. The answer is used for one attempt and dropped.
   */
  passphrase(info: { keyFile: string; retry?: boolean }): Promise<string | undefined>;
}
