/**
 * The two ways an SSH destination is written: a docker context's `ssh://[user@]host[:port][/path]`
 * (read as docker/cli's connhelper/ssh reads it: no password, query or fragment; the path is the
 * remote engine's socket) and a ProxyJump list of `[user@]host[:port]` or `ssh://` entries.
 */
import { SshConfigError } from './sshErrors';

export interface SshHop {
  host: string;
  user?: string;
  port?: number;
}

export interface SshUrl extends SshHop {
  /** The URL's path, decoded: the remote engine's socket (`docker --host=unix://PATH`); undefined when none or `/`. */
  socketPath?: string;
}

/**
 * What OpenSSH refuses in a host or user name given on its command line — which is where docker
 * puts an ssh:// URL's — since ssh 9.6 (CVE-2023-51385; control characters in user names since
 * 10.1): a ProxyCommand's %h or %r is expanded into a shell line, so `ssh://ops@a$(touch x).corp`
 * would run `touch x`. Refused here too, and more strictly (whitespace anywhere, and cmd.exe's
 * `%` `^` `!`), so no context, however it was written, reaches a shell.
 */
const shellMetacharacters = { host: /['`"$\\;&<>|(){}%^!\s]/, user: /['`"$\\;&<>|(){}%^!\s]/ };

function shellSafe(kind: 'host' | 'user', value: string): string {
  // eslint-disable-next-line no-control-regex -- a control character is what is refused
  if (value.startsWith('-') || shellMetacharacters[kind].test(value) || /[\u0000-\u001f\u007f-\u009f]/.test(value)) {
    throw new SshConfigError(
      `invalid SSH URL: the ${kind} name ${JSON.stringify(value)} holds a character ssh refuses in a ${kind} name (a leading "-", whitespace, quotes, control or shell characters): it could run commands through a ProxyCommand`,
    );
  }
  return value;
}

/** Parses a docker context's `ssh://` host; throws SshConfigError for what docker refuses. */
export function parseSshUrl(hostUrl: string): SshUrl {
  let url: URL;
  try {
    url = new URL(hostUrl);
  } catch {
    throw new SshConfigError(`invalid SSH URL: ${hostUrl}`);
  }
  if (url.protocol !== 'ssh:') throw new SshConfigError(`invalid SSH URL: incorrect scheme: ${url.protocol.replace(/:$/, '')}`);
  if (!url.hostname) throw new SshConfigError('invalid SSH URL: hostname is empty');
  if (url.password) throw new SshConfigError('invalid SSH URL: plain-text password is not supported');
  if (url.search) throw new SshConfigError(`invalid SSH URL: query parameters are not allowed: "${url.search.slice(1)}"`);
  if (url.hash) throw new SshConfigError(`invalid SSH URL: fragments are not allowed: "${url.hash.slice(1)}"`);
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text);
    } catch {
      throw new SshConfigError(`invalid SSH URL: bad %-escape in ${hostUrl}`);
    }
  };
  const socketPath = decode(url.pathname);
  const host = shellSafe('host', decode(url.hostname).replace(/^\[(.*)\]$/, '$1'));
  return {
    host,
    user: url.username ? shellSafe('user', decode(url.username)) : undefined,
    port: url.port ? Number(url.port) : undefined,
    socketPath: socketPath.replace(/^\/+|\/+$/g, '') === '' ? undefined : socketPath,
  };
}

/** ProxyJump's value: `[user@]host[:port]` or `ssh://…`, comma-separated; undefined for `none`. */
export function parseProxyJump(value: string): SshHop[] | undefined {
  if (value.toLowerCase() === 'none') return undefined;
  return value.split(',').map((part) => {
    const spec = part.trim();
    if (spec.startsWith('ssh://')) {
      const { socketPath, ...hop } = parseSshUrl(spec);
      if (socketPath !== undefined) throw new SshConfigError(`Invalid ProxyJump "${value}": a jump host URL takes no path`);
      return hop;
    }
    const at = spec.lastIndexOf('@');
    const user = at >= 0 ? spec.slice(0, at) : undefined;
    const rest = spec.slice(at + 1);
    const match = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest) ?? /^([^:]+)(?::(\d+))?$/.exec(rest);
    if (!match || user === '') throw new SshConfigError(`Invalid ProxyJump "${value}"`);
    return { host: match[1], user, port: match[2] ? Number(match[2]) : undefined };
  });
}
