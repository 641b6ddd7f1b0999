/**
 * Where `ssh://[user@]host[:port]` really goes, worked out from ~/.ssh/config the way `ssh` works it
 * out (the docker CLI just runs `ssh`, so a context that works in a terminal must work here):
 * `Host` blocks match the host as written, the first value obtained for a keyword wins, the URL's
 * user and port beat the config (they are ssh's `-l` and `-p`), `Include` is read in place.
 *
 * `Match` is evaluated only for criteria that need no side effect (`all`, `host`, `originalhost`,
 * `user`, `localuser`); a block with `exec`, `canonical`, `final` or anything else is skipped, so
 * reading a config never runs a command.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { globToRegExp } from '../../contexts/globPattern';
import { parseSshConfig } from './sshConfigSyntax';
import { matchesPatternList } from './sshPatterns';
import { expandPath, expandPercent, type TokenValues } from './sshTokens';

export interface SshHop {
  host: string;
  user?: string;
  port?: number;
}

export interface SshTarget {
  /** The host as the URL (or ProxyJump) wrote it: what `Host` patterns match. */
  alias: string;
  /** Where to connect (HostName, else the alias). */
  hostname: string;
  port: number;
  user: string;
  /** The local login name (%u). */
  localUser: string;
  /** Private keys to offer, in order: IdentityFile values, or the default ones that exist. */
  identityFiles: string[];
  identitiesOnly: boolean;
  /** UserKnownHostsFile: read for checks; a newly accepted key is appended to the first. */
  knownHostsFiles: string[];
  /** GlobalKnownHostsFile: read for checks only. */
  globalKnownHostsFiles: string[];
  /** Name to look up in known_hosts instead of the hostname (HostKeyAlias). */
  hostKeyAlias?: string;
  /** Write accepted keys hashed (HashKnownHosts). */
  hashKnownHosts: boolean;
  /** `StrictHostKeyChecking yes`: an unknown host is refused without asking. Weaker values still ask. */
  strictHostKeyChecking: boolean;
  /** ssh-agent socket (IdentityAgent, else SSH_AUTH_SOCK); undefined: no agent. */
  agentSocket?: string;
  /** Jump hosts in connection order (ProxyJump). */
  proxyJump?: SshHop[];
  /** ProxyCommand, as written (% tokens not yet expanded); its stdin/stdout carry the connection. */
  proxyCommand?: string;
}

export interface ResolveSshOptions {
  /** The user's home (HOME honoured by the caller). */
  home: string;
  env: NodeJS.ProcessEnv;
  /** Text of the user config; read from <home>/.ssh/config when absent. */
  configText?: string;
  /** System-wide config, read after the user's; null: none. Default /etc/ssh/ssh_config (not on Windows). */
  systemConfigPath?: string | null;
  /** Local login name (%u, default user); default os.userInfo().username. */
  localUser?: string;
}

const maxIncludeDepth = 16;

/** Parses `ssh://[user@]host[:port]` (a docker context's host). */
export function parseSshUrl(hostUrl: string): SshHop {
  let url: URL;
  try {
    url = new URL(hostUrl);
  } catch {
    throw new Error(`not an ssh:// address: ${hostUrl}`);
  }
  if (url.protocol !== 'ssh:' || !url.hostname) throw new Error(`not an ssh:// address: ${hostUrl}`);
  return {
    host: decodeURIComponent(url.hostname).replace(/^\[(.*)\]$/, '$1'),
    user: url.username ? decodeURIComponent(url.username) : undefined,
    port: url.port ? Number(url.port) : undefined,
  };
}

/** ProxyJump's value: `[user@]host[:port]` or `ssh://…`, comma-separated; undefined for `none`. */
export function parseProxyJump(value: string): SshHop[] | undefined {
  if (value.toLowerCase() === 'none') return undefined;
  return value.split(',').map((part) => {
    const spec = part.trim();
    if (spec.startsWith('ssh://')) return parseSshUrl(spec);
    const at = spec.lastIndexOf('@');
    const user = at >= 0 ? spec.slice(0, at) : undefined;
    const rest = spec.slice(at + 1);
    const match = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest) ?? /^([^:]+)(?::(\d+))?$/.exec(rest);
    if (!match || (user !== undefined && user === '')) throw new Error(`bad ProxyJump host: ${spec}`);
    return { host: match[1], user, port: match[2] ? Number(match[2]) : undefined };
  });
}

export async function resolveSshTarget(hostUrl: string, options: ResolveSshOptions): Promise<SshTarget> {
  return resolveSshHop(parseSshUrl(hostUrl), options, true);
}

/**
 * Resolves one host (the target, or a jump host, whose own ProxyJump is ignored to rule out loops).
 * Synchronous file reads inside: a config and its includes are a few small files.
 */
export async function resolveSshHop(hop: SshHop, options: ResolveSshOptions, allowProxyJump: boolean): Promise<SshTarget> {
  const sshDir = path.join(options.home, '.ssh');
  const localUser = options.localUser ?? localLoginName(options.env);
  const values = new Map<string, string[]>();
  const identityFiles: string[] = [];
  const state = { alias: hop.host, user: hop.user, values, identityFiles, localUser };

  const userText = options.configText ?? readOptional(path.join(sshDir, 'config'));
  evaluate(userText ?? '', state, { sshDir, options, depth: 0, active: true });
  const systemPath = options.systemConfigPath === undefined ? (process.platform === 'win32' ? null : '/etc/ssh/ssh_config') : options.systemConfigPath;
  if (systemPath) evaluate(readOptional(systemPath) ?? '', state, { sshDir: path.dirname(systemPath), options, depth: 0, active: true });

  const first = (keyword: string) => values.get(keyword)?.[0];
  const hostname = expandPercent(first('hostname') ?? hop.host, { home: options.home, env: options.env, localUser, hostname: hop.host });
  const configPort = Number(first('port'));
  const port = hop.port ?? (Number.isInteger(configPort) && configPort > 0 && configPort < 65536 ? configPort : 22);
  const user = hop.user ?? first('user') ?? localUser;
  const tokens: TokenValues = { home: options.home, env: options.env, localUser, hostname, alias: hop.host, user, port };
  const expand = (file: string) => expandPath(file, tokens, options.home);
  const files = (keyword: string, defaults: string[]) => {
    const list = values.get(keyword);
    if (!list) return defaults;
    return list.length === 1 && list[0].toLowerCase() === 'none' ? [] : list.map(expand);
  };

  const proxyJumpValue = allowProxyJump ? first('proxyjump') : undefined;
  const proxyCommand = allowProxyJump ? first('proxycommand') : undefined;
  return {
    alias: hop.host,
    hostname,
    port,
    user,
    localUser,
    identityFiles: identityFiles.length > 0 ? identityFiles.map(expand) : defaultIdentityFiles(sshDir),
    identitiesOnly: yes(first('identitiesonly')),
    knownHostsFiles: files('userknownhostsfile', [path.join(sshDir, 'known_hosts'), path.join(sshDir, 'known_hosts2')]),
    globalKnownHostsFiles: files('globalknownhostsfile', defaultGlobalKnownHosts(options.env)),
    hostKeyAlias: first('hostkeyalias'),
    hashKnownHosts: yes(first('hashknownhosts')),
    strictHostKeyChecking: yes(first('stricthostkeychecking')),
    agentSocket: agentSocket(first('identityagent'), tokens),
    proxyJump: proxyJumpValue !== undefined ? parseProxyJump(proxyJumpValue) : undefined,
    proxyCommand: proxyCommand !== undefined && proxyCommand.toLowerCase() !== 'none' ? proxyCommand : undefined,
  };
}

interface EvalState {
  alias: string;
  user: string | undefined;
  values: Map<string, string[]>;
  identityFiles: string[];
  localUser: string;
}

interface EvalContext {
  sshDir: string;
  options: ResolveSshOptions;
  depth: number;
  active: boolean;
}

/** One pass over a config file; an Include sees the including block's state, which is restored after it. */
function evaluate(text: string, state: EvalState, context: EvalContext): void {
  let active = context.active;
  for (const { keyword, args, raw } of parseSshConfig(text)) {
    switch (keyword) {
      case 'host':
        active = matchesPatternList(state.alias, args);
        continue;
      case 'match':
        active = matchBlock(args, state);
        continue;
      case 'include':
        if (active && context.depth < maxIncludeDepth) {
          for (const file of includeFiles(args, state, context)) {
            const included = readOptional(file);
            if (included !== undefined) evaluate(included, state, { ...context, depth: context.depth + 1, active });
          }
        }
        continue;
    }
    if (!active || args.length === 0) continue;
    // ProxyJump and ProxyCommand compete: whichever comes first prevents the other.
    if ((keyword === 'proxyjump' && state.values.has('proxycommand')) || (keyword === 'proxycommand' && state.values.has('proxyjump'))) continue;
    if (keyword === 'identityfile') {
      state.identityFiles.push(args[0]);
    } else if (!state.values.has(keyword)) {
      // Multi-word values (UserKnownHostsFile a b) keep every argument; ProxyCommand is a shell command line.
      state.values.set(keyword, keyword === 'proxycommand' ? [raw] : args);
    }
  }
}

function matchBlock(args: string[], state: EvalState): boolean {
  let result = true;
  for (let i = 0; i < args.length; i++) {
    let criterion = args[i].toLowerCase();
    const negate = criterion.startsWith('!');
    if (negate) criterion = criterion.slice(1);
    let matched: boolean;
    if (criterion === 'all') {
      matched = true;
    } else if (['host', 'originalhost', 'user', 'localuser'].includes(criterion) && i + 1 < args.length) {
      const patterns = args[++i].split(',');
      const hostname = state.values.get('hostname')?.[0];
      const subject = {
        host: hostname ? expandPercent(hostname, { home: '', env: {}, localUser: state.localUser, hostname: state.alias }) : state.alias,
        originalhost: state.alias,
        user: state.user ?? state.values.get('user')?.[0] ?? state.localUser,
        localuser: state.localUser,
      }[criterion]!;
      matched = matchesPatternList(subject, patterns);
    } else {
      return false; // exec, canonical, final, tagged, localnetwork…: never run, never matched
    }
    if (matched === negate) result = false;
  }
  return result;
}

/** Include arguments: relative to ~/.ssh (or the system config's folder), with `*`/`?` globs. */
function includeFiles(args: string[], state: EvalState, context: EvalContext): string[] {
  const tokens: TokenValues = { home: context.options.home, env: context.options.env, localUser: state.localUser, alias: state.alias };
  return args.flatMap((arg) => expandGlob(expandPath(arg, tokens, context.sshDir)));
}

function expandGlob(file: string): string[] {
  if (!/[*?]/.test(file)) return [file];
  const root = path.parse(file).root;
  let matches = [root];
  for (const segment of file.slice(root.length).split(/[\\/]+/).filter(Boolean)) {
    if (!/[*?]/.test(segment)) {
      matches = matches.map((dir) => path.join(dir, segment));
      continue;
    }
    const pattern = globToRegExp(segment);
    matches = matches.flatMap((dir) => {
      try {
        return readdirSync(dir)
          .filter((name) => !name.startsWith('.') && pattern.test(name))
          .sort()
          .map((name) => path.join(dir, name));
      } catch {
        return [];
      }
    });
  }
  return matches;
}

function readOptional(file: string): string | undefined {
  try {
    if (!statSync(file).isFile()) return undefined;
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function defaultIdentityFiles(sshDir: string): string[] {
  return ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((name) => path.join(sshDir, name)).filter((file) => readOptional(file) !== undefined);
}

function defaultGlobalKnownHosts(env: NodeJS.ProcessEnv): string[] {
  if (process.platform === 'win32') {
    const base = path.join(env.ProgramData ?? 'C:\\ProgramData', 'ssh');
    return [path.join(base, 'ssh_known_hosts'), path.join(base, 'ssh_known_hosts2')];
  }
  return ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'];
}

function agentSocket(identityAgent: string | undefined, tokens: TokenValues): string | undefined {
  const fromEnv = tokens.env.SSH_AUTH_SOCK || (process.platform === 'win32' ? '\\\\.\\pipe\\openssh-ssh-agent' : undefined);
  if (identityAgent === undefined || identityAgent === 'SSH_AUTH_SOCK') return fromEnv;
  if (identityAgent.toLowerCase() === 'none') return undefined;
  if (identityAgent.startsWith('$') && !identityAgent.startsWith('${')) return tokens.env[identityAgent.slice(1)] || undefined;
  return expandPath(identityAgent, tokens, tokens.home);
}

function yes(value: string | undefined): boolean {
  return value !== undefined && ['yes', 'true'].includes(value.toLowerCase());
}

/** The local login name, as ssh takes it (the passwd entry, not $USER). */
function localLoginName(env: NodeJS.ProcessEnv): string {
  try {
    return os.userInfo().username;
  } catch {
    return env.USER ?? env.USERNAME ?? 'root';
  }
}
