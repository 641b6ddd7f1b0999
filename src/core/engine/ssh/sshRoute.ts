/**
 * The whole way to one ssh:// endpoint: the jump hosts (in connection order), the target, and the
 * remote engine's socket. A ProxyJump list `a,b,c` is followed as ssh follows it (ssh runs
 * `ssh -J a,b -W host:port c`): `a` is reached by its own ProxyJump or ProxyCommand, recursively,
 * while `b` and `c` are reached through the hosts before them whatever their config says.
 *
 * `key` names everything that decides where the connection ends up and who it logs in as, so
 * two contexts share a pooled connection only when they would reach the same engine the same way.
 */
import { parseProxyJump, parseSshUrl } from './sshAddress';
import { resolveSshHop, type ResolveSshOptions, type SshTarget } from './sshConfig';
import { SshConfigError } from './sshErrors';

export interface SshRoute {
  /** Jump hosts in connection order; the first may have a ProxyCommand. */
  hops: SshTarget[];
  target: SshTarget;
  /** The URL's path: the remote engine's socket; undefined for the login's default engine. */
  socketPath?: string;
  /** Everything above as one string: equal keys, same engine, same way. */
  key: string;
}

/** Nested ProxyJump lines deeper than this are taken for a loop (ssh would start ssh forever). */
const maxJumpDepth = 8;

export function resolveSshRoute(hostUrl: string, options: ResolveSshOptions): SshRoute {
  const { socketPath, ...hop } = parseSshUrl(hostUrl);
  const target = resolveSshHop(hop, options, true);
  const hops = target.proxyJump ? jumpChain(target.proxyJump, options, 1) : [];
  return { hops, target, socketPath, key: JSON.stringify({ hops, target, socketPath: socketPath ?? null }) };
}

function jumpChain(proxyJump: string, options: ResolveSshOptions, depth: number): SshTarget[] {
  if (depth > maxJumpDepth) throw new SshConfigError(`ProxyJump nests more than ${maxJumpDepth} levels deep (at "${proxyJump}"): is it a loop?`);
  const [first, ...rest] = parseProxyJump(proxyJump) ?? [];
  const head = resolveSshHop(first, options, true);
  const before = head.proxyJump ? jumpChain(head.proxyJump, options, depth + 1) : [];
  return [...before, head, ...rest.map((spec) => resolveSshHop(spec, options, false))];
}
