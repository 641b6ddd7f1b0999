/**
 * The SSH transport with VS Code's way of asking: an unknown host key is shown with its SHA256
 * fingerprint and trusted only on an explicit "Trust and connect"; a key passphrase is asked in
 * a password box and never stored.
 */
import * as os from 'node:os';

import type { SshTransport } from '../../core/engine/engineConnections';
import { SshConnectionPool } from '../../core/engine/ssh/sshConnectionPool';
import type { Prompts } from '../prompts/prompts';
import type { Settings } from './settings';

export function createSshTransport(prompts: Prompts, settings: Settings): SshTransport {
  return new SshConnectionPool({
    home: process.env.HOME || os.homedir(),
    env: process.env,
    connectTimeoutMs: settings.engineTimeouts().connectMs,
    idleCloseMs: 5 * 60_000,
    prompts: {
      confirmUnknownHost: ({ host, port, keyType, fingerprint }) =>
        prompts.confirm(
          `The authenticity of host "${host}:${port}" can't be established.`,
          `${keyType} key fingerprint is ${fingerprint}.\n\nCompare it with the fingerprint the host's administrator gives you (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on the host). Trusting adds it to ~/.ssh/known_hosts.`,
          'Trust and connect',
        ),
      passphrase: ({ keyFile }) => prompts.input({ title: 'SSH key passphrase', prompt: `Passphrase for ${keyFile}`, password: true, ignoreFocusOut: true }),
    },
  });
}
