/**
 * The destination typed in "Create SSH Context": an alias from ~/.ssh/config, or
 * `[user@]host[:port]` (an IPv6 address in brackets). Its host and port are checked by the same
 * checks as the TLS flow's (hostNameProblem, portProblem), and the whole as docker will read it
 * once it is an `ssh://` URL (parseSshUrl: no password, nothing a shell could run).
 */
import { hostNameProblem } from '../../certificates/hostNames';
import { portProblem } from '../../contexts/portNumber';
import { parseSshUrl } from './sshAddress';
import { SshConfigError } from './sshErrors';

/** Why `target` cannot be an SSH context's destination, or undefined when it can. */
export function sshTargetProblem(target: string, aliases: readonly string[]): string | undefined {
  if (aliases.includes(target)) return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return `"${target}": user@host[:port], without a scheme`;
  const at = target.lastIndexOf('@');
  if (at === 0) return `"${target}": a user name goes before the @`;
  const address = target.slice(at + 1);
  const parts = /^(\[[^\]]*\])(?::(.*))?$/.exec(address) ?? /^([^:[\]]*)(?::(.*))?$/.exec(address);
  if (!parts) return `"${address}": an IPv6 address goes in brackets, as in [::1]:22`;
  const problem = hostNameProblem(parts[1]) ?? (parts[2] === undefined ? undefined : portProblem(parts[2]));
  if (problem) return problem;
  try {
    parseSshUrl(`ssh://${target}`);
    return undefined;
  } catch (error) {
    if (error instanceof SshConfigError) return error.message;
    throw error;
  }
}
