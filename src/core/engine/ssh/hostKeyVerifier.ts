/**
 * Host key checking with OpenSSH's answers: a known key passes, a changed or revoked one is refused
 * with ssh's own warning (there is no "connect anyway"; a key of a type not on record while others
 * are is such a changed key, never offered for trust), and an unknown one is trusted only if the
 * person says yes to its fingerprint — then it is remembered in the first UserKnownHostsFile.
 * The files are read at every check, so a key added or removed in a terminal counts at once.
 */
import { appendKnownHost, certAuthorityFor, checkHostKey, knownHostName, knownHostsLine, knownKeyTypesFor, readKnownHostsFiles } from './knownHosts';
import type { SshTarget } from './sshConfig';
import { SshConnectError } from './sshErrors';
import type { UnknownHostInfo } from './sshPrompts';

/** Asks about an unknown key; the pool makes sure one key is asked about once at a time. */
export type ConfirmUnknownHost = (info: UnknownHostInfo) => Promise<boolean>;

/** The name and port known_hosts is searched with: HostKeyAlias replaces both, as in OpenSSH. */
export function hostKeyLookup(target: SshTarget): { host: string; port: number } {
  return target.hostKeyAlias ? { host: target.hostKeyAlias, port: 22 } : { host: target.hostname, port: target.port };
}

/** Host key types to offer first in the handshake: those known for the host, so a MITM cannot downgrade to "unknown". */
export async function preferredHostKeyAlgorithms(target: SshTarget): Promise<string[] | undefined> {
  const { host, port } = hostKeyLookup(target);
  const files = await readKnownHostsFiles([...target.knownHostsFiles, ...target.globalKnownHostsFiles]);
  const known = knownKeyTypesFor(files, host, port);
  if (known.length === 0) return undefined;
  const all = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
  const algorithmsOf = (type: string) => (type === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [type]);
  const first = known.flatMap(algorithmsOf).filter((algorithm) => all.includes(algorithm));
  return [...new Set([...first, ...all])];
}

/** Resolves when the key may be used; throws an SshConnectError saying why not. */
export async function verifyHostKey(target: SshTarget, key: Buffer, confirm: ConfirmUnknownHost): Promise<void> {
  const { host, port } = hostKeyLookup(target);
  const name = knownHostName(host, port);
  const files = await readKnownHostsFiles([...target.knownHostsFiles, ...target.globalKnownHostsFiles]);
  const check = checkHostKey(files, host, port, key, { bareHostFallback: !target.hostKeyAlias });
  const label = keyLabel(check.keyType);
  const at = check.location ? `${check.location.path}:${check.location.line}` : 'known_hosts';
  switch (check.status) {
    case 'known':
      return;
    case 'revoked':
      throw new SshConnectError(
        'hostKeyRevoked',
        `WARNING: REVOKED HOST KEY DETECTED! The ${label} host key for ${name} (${check.fingerprint}) is marked as revoked in ${at}. ` +
          'This could mean that a stolen key is being used to impersonate this host. Not connected.',
        { fingerprint: check.fingerprint },
      );
    case 'changed': {
      const file = check.location?.path ?? target.knownHostsFiles[0] ?? '~/.ssh/known_hosts';
      throw new SshConnectError(
        'hostKeyChanged',
        `WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY! ` +
          `Someone could be eavesdropping on you right now (man-in-the-middle attack), or the host key of ${name} has just been changed. ` +
          `The fingerprint for the ${label} key sent by the remote host is ${check.fingerprint}. Offending ${keyLabel(check.offendingKeyType ?? check.keyType)} key in ${at}. ` +
          `Please contact your system administrator; if the change is expected, remove the old key with: ssh-keygen -f "${file}" -R "${name}". Not connected.`,
        { fingerprint: check.fingerprint },
      );
    }
    case 'unknown': {
      const authority = certAuthorityFor(files, host, port);
      const viaAuthority = authority
        ? ` known_hosts trusts a certificate authority for this host (${authority.path}:${authority.line}), but SSH host certificates are not supported here, so the host's plain key is what is checked.`
        : '';
      const refuse = (why: string) =>
        new SshConnectError(
          'hostKeyUnknown',
          `The authenticity of host ${name} can't be established: ${label} key fingerprint is ${check.fingerprint}.${viaAuthority} ${why}`,
          { fingerprint: check.fingerprint },
        );
      if (target.strictHostKeyChecking) {
        throw refuse('Your ssh config says StrictHostKeyChecking yes: add the key to known_hosts (after checking the fingerprint) and retry.');
      }
      const trusted = await confirm({ host, port, keyType: check.keyType, fingerprint: check.fingerprint });
      if (!trusted) throw refuse('The key was not trusted, so the connection was closed before logging in.');
      const file = target.knownHostsFiles[0];
      if (file !== undefined) {
        // Another connection may have added it while the question was open.
        const again = checkHostKey(await readKnownHostsFiles([file]), host, port, key);
        if (again.status !== 'known') await appendKnownHost(file, knownHostsLine(host, port, key, { hashed: target.hashKnownHosts }));
      }
      return;
    }
  }
}

/** ED25519, ECDSA, RSA…: how ssh names key types in its warnings. */
function keyLabel(keyType: string): string {
  if (keyType === 'ssh-ed25519') return 'ED25519';
  if (keyType.startsWith('ecdsa-')) return 'ECDSA';
  if (keyType === 'ssh-rsa') return 'RSA';
  if (keyType.startsWith('sk-ssh-ed25519')) return 'ED25519-SK';
  if (keyType.startsWith('sk-ecdsa')) return 'ECDSA-SK';
  if (keyType === 'ssh-dss') return 'DSA';
  return keyType;
}
