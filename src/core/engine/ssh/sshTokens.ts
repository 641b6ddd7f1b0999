/**
 * The expansions ssh_config(5) applies to file names (IdentityFile, UserKnownHostsFile, Include,
 * IdentityAgent): a leading `~`, `${VAR}` from the environment, and the `%` tokens a user is likely
 * to write. An unknown `%x` or an unset variable is left as written rather than guessed.
 */
import * as os from 'node:os';
import * as path from 'node:path';

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
}

export function expandPercent(text: string, values: TokenValues): string {
  return text.replace(/%(.)/g, (whole, token: string) => {
    switch (token) {
      case '%':
        return '%';
      case 'd':
        return values.home;
      case 'u':
        return values.localUser;
      case 'h':
        return values.hostname ?? whole;
      case 'n':
        return values.alias ?? whole;
      case 'r':
        return values.user ?? whole;
      case 'p':
        return values.port === undefined ? whole : String(values.port);
      case 'l':
        return os.hostname().split('.')[0];
      case 'L':
        return os.hostname();
      case 'i':
        return typeof process.getuid === 'function' ? String(process.getuid()) : whole;
      default:
        return whole;
    }
  });
}

export function expandEnv(text: string, env: NodeJS.ProcessEnv): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) => env[name] ?? whole);
}

export function expandTilde(text: string, home: string): string {
  if (text === '~') return home;
  if (text.startsWith('~/') || (process.platform === 'win32' && text.startsWith('~\\'))) return path.join(home, text.slice(2));
  return text;
}

/** A file name from the config: `~`, `${VAR}`, `%` tokens; relative names are taken from `relativeTo`. */
export function expandPath(text: string, values: TokenValues, relativeTo: string): string {
  const expanded = expandTilde(expandPercent(expandEnv(text, values.env), values), values.home);
  return path.isAbsolute(expanded) ? expanded : path.resolve(relativeTo, expanded);
}
