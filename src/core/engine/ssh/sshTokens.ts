/**
 * The expansions ssh_config(5) applies to file names (IdentityFile, UserKnownHostsFile, Include,
 * IdentityAgent) and to HostName: a leading `~`, `${VAR}` from the environment, and the `%`
 * tokens of OpenSSH 9.2 (%C being SHA-1 of %l%h%p%r). A `%x` that ssh does not know, or one the
 * keyword does not take, is refused as ssh refuses it, rather than passed on as written.
 */
import { createHash } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';

import { SshConfigError } from './sshErrors';

export interface TokenValues {
  home: string;
  env: NodeJS.ProcessEnv;
  /** %u */
  localUser: string;
  /** %h (after HostName) */
  hostname?: string;
  /** %n: the host as given */
  alias?: string;
  /** %r */
  user?: string;
  /** %p */
  port?: number;
  /** %k: HostKeyAlias, else the host as given */
  hostKeyAlias?: string;
}

/** `%l`: this machine's name; `%L`: its first label. */
function thisHost(): string {
  return os.hostname();
}

export function connectionHash(values: TokenValues): string | undefined {
  if (values.hostname === undefined || values.port === undefined || values.user === undefined) return undefined;
  return createHash('sha1').update(`${thisHost()}${values.hostname}${values.port}${values.user}`).digest('hex');
}

function tokenValue(token: string, values: TokenValues): string | undefined {
  switch (token) {
    case '%':
      return '%';
    case 'd':
      return values.home;
    case 'u':
      return values.localUser;
    case 'h':
      return values.hostname;
    case 'n':
      return values.alias;
    case 'r':
      return values.user;
    case 'p':
      return values.port === undefined ? undefined : String(values.port);
    case 'k':
      return values.hostKeyAlias ?? values.alias;
    case 'C':
      return connectionHash(values);
    case 'l':
      return thisHost();
    case 'L':
      return thisHost().split('.')[0];
    case 'i':
      return typeof process.getuid === 'function' ? String(process.getuid()) : undefined;
    default:
      return undefined;
  }
}

/**
 * Expands `%` tokens; `allowed` lists the letters this keyword takes (default: all of them).
 * Throws SshConfigError for an unknown token, one not allowed here, or a trailing `%`.
 */
export function expandPercent(text: string, values: TokenValues, allowed?: string): string {
  return text.replace(/%(.?)/gs, (whole, token: string) => {
    const value = token === '%' || allowed === undefined || allowed.includes(token) ? tokenValue(token, values) : undefined;
    if (value === undefined) throw new SshConfigError(`ssh refuses "${text}": unknown or unavailable token ${whole || '%'} (see TOKENS in ssh_config(5))`);
    return value;
  });
}

export function expandEnv(text: string, env: NodeJS.ProcessEnv): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_whole, name: string) => {
    const value = env[name];
    if (value === undefined) throw new SshConfigError(`ssh refuses "${text}": environment variable ${name} is not set`);
    return value;
  });
}

export function expandTilde(text: string, home: string): string {
  if (text === '~') return home;
  if (process.platform === 'win32' && text.startsWith('~\\')) return path.join(home, text.slice(2));
  // As ssh's tilde_expand_filename: the home, a slash, the rest untouched (no normalising).
  if (text.startsWith('~/')) return `${home.replace(/\/+$/, '')}/${text.slice(2)}`;
  return text;
}

/** A file name from the config: `~`, `${VAR}`, `%` tokens, left relative if written so (as ssh does). */
export function expandPath(text: string, values: TokenValues): string {
  return expandTilde(expandPercent(expandEnv(text, values.env), values), values.home);
}
