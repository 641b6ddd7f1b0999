/**
 * Where one SSH host really goes, worked out from ~/.ssh/config the way OpenSSH 9.2's `ssh` works
 * it out (the docker CLI just runs `ssh`, so a context that works in a terminal must work here):
 * the config is evaluated by sshConfigEval.ts, then the values get ssh's defaults and expansions.
 * The `-l` and `-p` of the command line (the URL's user and port, a ProxyJump entry's) beat the
 * config; HostName is lower-cased; identities default to ssh's list, in ssh's order.
 */
import * as os from 'node:os';
import * as path from 'node:path';

import type { SshHop } from './sshAddress';
import { type ConfigFile, evaluateConfig, readConfigFile, timeSeconds, validPort } from './sshConfigEval';
import { expandPath, expandPercent, type TokenValues } from './sshTokens';

export interface SshTarget {
  /** The host as the URL (or ProxyJump) wrote it: what `Host` patterns match. */
  alias: string;
  /** Where to connect (HostName, else the alias), lower-cased as ssh does. */
  hostname: string;
  port: number;
  user: string;
  /** The local login name (%u). */
  localUser: string;
  /** Private keys to offer, in order: IdentityFile values, else ssh's default list (missing files are passed over when connecting). */
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
  /** ProxyJump as written (`none` dropped); the route (sshRoute.ts) turns it into hops. */
  proxyJump?: string;
  /** ProxyCommand, as written (% tokens not yet expanded); its stdin/stdout carry the connection. */
  proxyCommand?: string;
  /** ServerAliveInterval in ms, when the config sets one above 0 (sshConnection.ts has the default). */
  serverAliveIntervalMs?: number;
  /** ServerAliveCountMax, when the config sets it. */
  serverAliveCountMax?: number;
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

/** ssh 9.2's identities when no IdentityFile applies, in its order. */
const defaultIdentityNames = ['id_rsa', 'id_ecdsa', 'id_ecdsa_sk', 'id_ed25519', 'id_ed25519_sk', 'id_xmss', 'id_dsa'];

/**
 * Resolves one host. `allowProxies` false: a jump host after the first in a ProxyJump list, whose
 * own ProxyJump and ProxyCommand ssh overrides (it is reached through the hosts before it).
 * Synchronous file reads inside: a config and its includes are a few small files.
 */
export function resolveSshHop(hop: SshHop, options: ResolveSshOptions, allowProxies: boolean): SshTarget {
  const sshDir = path.join(options.home, '.ssh');
  const localUser = options.localUser ?? localLoginName(options.env);
  const userPath = path.join(sshDir, 'config');
  const configFiles: ConfigFile[] = [{ path: userPath, includeDir: sshDir, text: options.configText ?? readConfigFile(userPath) ?? '' }];
  const systemPath = options.systemConfigPath === undefined ? (process.platform === 'win32' ? null : '/etc/ssh/ssh_config') : options.systemConfigPath;
  if (systemPath) configFiles.push({ path: systemPath, includeDir: path.dirname(systemPath), text: readConfigFile(systemPath) ?? '' });
  const config = evaluateConfig(configFiles, { alias: hop.host, user: hop.user, home: options.home, env: options.env, localUser });

  const first = (keyword: string) => config.values.get(keyword)?.[0];
  const hostname = expandPercent(first('hostname') ?? hop.host, { home: options.home, env: options.env, localUser, hostname: hop.host }, 'h').toLowerCase();
  const configPort = first('port');
  const port = hop.port ?? (configPort !== undefined ? validPort(configPort)! : 22);
  const user = hop.user ?? first('user') ?? localUser;
  const hostKeyAlias = first('hostkeyalias');
  const tokens: TokenValues = { home: options.home, env: options.env, localUser, hostname, alias: hop.host, user, port, hostKeyAlias };
  const expand = (file: string) => expandPath(file, tokens);
  const fileList = (keyword: string, defaults: string[]) => {
    const list = config.values.get(keyword);
    if (!list) return defaults;
    return list.length === 1 && list[0].toLowerCase() === 'none' ? [] : list.map(expand);
  };
  const identities = config.identityFiles.length > 0 ? config.identityFiles : defaultIdentityNames.map((name) => `~/.ssh/${name}`);
  const aliveSeconds = timeSeconds(first('serveraliveinterval') ?? '0') ?? 0;
  const aliveCount = first('serveralivecountmax');
  const proxyJump = allowProxies && config.proxyJump?.toLowerCase() !== 'none' ? config.proxyJump : undefined;
  const proxyCommand = allowProxies && config.proxyCommand?.toLowerCase() !== 'none' ? config.proxyCommand : undefined;
  return {
    alias: hop.host,
    hostname,
    port,
    user,
    localUser,
    identityFiles: identities.map(expand),
    identitiesOnly: yes(first('identitiesonly')),
    knownHostsFiles: fileList('userknownhostsfile', [path.join(sshDir, 'known_hosts'), path.join(sshDir, 'known_hosts2')]),
    globalKnownHostsFiles: fileList('globalknownhostsfile', defaultGlobalKnownHosts(options.env)),
    hostKeyAlias,
    hashKnownHosts: yes(first('hashknownhosts')),
    strictHostKeyChecking: yes(first('stricthostkeychecking')),
    agentSocket: agentSocket(first('identityagent'), tokens),
    proxyJump,
    proxyCommand,
    serverAliveIntervalMs: aliveSeconds > 0 ? aliveSeconds * 1000 : undefined,
    serverAliveCountMax: aliveCount === undefined ? undefined : Number(aliveCount),
  };
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
  return expandPath(identityAgent, tokens);
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
