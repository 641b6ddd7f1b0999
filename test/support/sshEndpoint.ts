/**
 * An SSH endpoint in front of the local engine, as `docker -H ssh://…` expects one: sshd on loopback
 * with a generated host key, key-only login, and sessions whose DOCKER_HOST points at the engine, so
 * that `ssh … docker system dial-stdio` reaches it.
 *
 * The client side lives in the harness HOME (id_ed25519, known_hosts pinning the host key, config),
 * but OpenSSH expands `~` from the passwd entry, not $HOME, and the docker CLI passes ssh no options.
 * Hence `<binDir>/ssh`, a wrapper running the real ssh with `-F <home>/.ssh/config`: with binDir first
 * on PATH, every ssh the tests cause uses the harness identity and never reads the real ~/.ssh.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { DaemonGroup } from './daemons';
import type { HarnessInfo } from './harnessInfo';
import { connects, freePort } from './ports';
import { findCommand } from './systemDeps';

const run = promisify(execFile);

export interface SshEndpointDirs {
  /** sshd's own files: config, host key, authorized_keys, pidfile, log. */
  dir: string;
  /** The harness HOME; receives .ssh/{id_ed25519,known_hosts,config}. */
  home: string;
  /** Receives the `ssh` wrapper. */
  binDir: string;
}

export async function startSshd(group: DaemonGroup, dirs: SshEndpointDirs, dockerHost: string): Promise<HarnessInfo['ssh']> {
  const { dir, home, binDir } = dirs;
  const sshHome = join(home, '.ssh');
  const remoteDockerConfig = join(dir, 'docker-config');
  await Promise.all([
    mkdir(sshHome, { recursive: true, mode: 0o700 }),
    mkdir(remoteDockerConfig, { recursive: true }),
    mkdir(binDir, { recursive: true }),
    mkdir('/run/sshd', { recursive: true, mode: 0o755 }), // sshd's privilege separation directory
  ]);
  const hostKey = join(dir, 'host_ed25519');
  const identityFile = join(sshHome, 'id_ed25519');
  const [port] = await Promise.all([freePort(), keygen(hostKey, 'dcg-harness-host'), keygen(identityFile, 'dcg-harness-client')]);
  const [hostPublicKey, clientPublicKey, fingerprint] = await Promise.all([
    readFile(`${hostKey}.pub`, 'utf8'),
    readFile(`${identityFile}.pub`, 'utf8'),
    run('ssh-keygen', ['-lf', `${hostKey}.pub`]),
  ]);
  const user = userInfo().username;
  const authorizedKeys = join(dir, 'authorized_keys');
  const knownHostsFile = join(sshHome, 'known_hosts');
  const clientConfig = join(sshHome, 'config');
  const sshdConfig = join(dir, 'sshd_config');
  await Promise.all([
    writeFile(authorizedKeys, clientPublicKey),
    writeFile(knownHostsFile, `[127.0.0.1]:${port} ${hostPublicKey.split(' ').slice(0, 2).join(' ')}\n`),
    writeFile(
      clientConfig,
      [
        'Host *',
        `  IdentityFile ${identityFile}`,
        '  IdentitiesOnly yes',
        `  UserKnownHostsFile ${knownHostsFile}`,
        '  GlobalKnownHostsFile /dev/null',
        '  StrictHostKeyChecking yes',
        '  UpdateHostKeys no',
        '  BatchMode yes',
        '',
      ].join('\n'),
    ),
    writeFile(join(binDir, 'ssh'), `#!/bin/sh\nexec '${findCommand('ssh')}' -F '${clientConfig}' "$@"\n`, { mode: 0o755 }),
    writeFile(
      sshdConfig,
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${hostKey}`,
        `PidFile ${join(dir, 'sshd.pid')}`,
        `AuthorizedKeysFile ${authorizedKeys}`,
        'PermitRootLogin prohibit-password',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'UsePAM no',
        'StrictModes no',
        // The remote docker CLI gets its own config dir, so it never reads the real ~/.docker either.
        `SetEnv DOCKER_HOST=${dockerHost} DOCKER_CONFIG=${remoteDockerConfig}`,
        '',
      ].join('\n'),
    ),
  ]);
  // sshd re-executes itself, so it must be started by absolute path.
  const daemon = group.start('sshd', findCommand('sshd')!, ['-D', '-e', '-f', sshdConfig], join(dir, 'sshd.log'));
  await daemon.waitReady(() => connects(port));
  return {
    host: `ssh://${user}@127.0.0.1:${port}`,
    hostname: '127.0.0.1',
    port,
    user,
    identityFile,
    knownHostsFile,
    hostKeyFingerprint: fingerprint.stdout.split(' ')[1],
  };
}

async function keygen(file: string, comment: string): Promise<void> {
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
}
