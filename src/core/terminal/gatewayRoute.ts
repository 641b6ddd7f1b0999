/**
 * Whether a `docker` command line in an integrated terminal goes through the engine gateway the
 * extension runs (DOCKER_CONTEXT_GUARD_GATEWAY_DIR), and how: when the engine docker would pick
 * is a stored context (by `--context`, DOCKER_CONTEXT or config.json, in docker's precedence:
 * dockerTarget.ts) whose gateway socket is there, owned by this user, docker runs with
 * DOCKER_HOST at that socket instead. docker refuses `--context` together with an address, and a
 * named context's TLS flags and variables never apply to it, so those go from argv and the
 * environment; every other word stays. Where docker would go to an address the user gave (-H,
 * DOCKER_HOST), to the default context, or where the line is not read with certainty (an unknown
 * global flag), nothing is routed: docker runs as it always did — unless that
 * address is a gateway socket already, where the gateway asks and the guard must not ask again.
 */
import { lstat } from 'node:fs/promises';
import * as path from 'node:path';

import type { ListedContext } from '../contexts/contextList';
import { gatewayDockerHost, gatewaySocketPath } from '../gateway/gatewaySockets';
import { type DockerCommandClassification, rootOptions } from '../guard/classifyDockerArgs';
import { parseDockerOptions } from '../guard/dockerOptions';
import { resolveDockerContext } from '../guard/dockerTarget';
import { sharedEnv } from '../sharedEnvironment';

export interface GatewayRoute {
  /** The context whose gateway socket docker goes to; absent when the line gave that socket itself. */
  context?: ListedContext;
  socketPath: string;
  /** The command line without the global flags that pick or secure the engine. */
  args: string[];
  /** The environment with DOCKER_HOST at the socket, and without DOCKER_CONTEXT and the TLS variables. */
  env: NodeJS.ProcessEnv;
}

/** Global flags that pick the engine or describe the default context's TLS: a routed line has its engine in DOCKER_HOST. */
const droppedFlags = new Set(['context', 'tls', 'tlsverify', 'tlscacert', 'tlscert', 'tlskey']);
const droppedVariables = ['DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_TLS', 'DOCKER_CERT_PATH'];

/** The route of `args` through the gateway, or undefined when docker must run as it is. Never throws. */
export async function gatewayRoute(
  args: readonly string[],
  classification: DockerCommandClassification,
  env: NodeJS.ProcessEnv,
): Promise<GatewayRoute | undefined> {
  const directory = env[sharedEnv.gatewayDir];
  // Named pipes have no owner to check from here: Windows terminals are not routed by the shim.
  if (!directory || !path.isAbsolute(directory) || process.platform === 'win32') return undefined;
  const { subject, globalFlags } = classification;
  if (subject !== 'engine') return undefined;
  // An address given (-H, or DOCKER_HOST where no --context outranks it) is docker's to dial; a
  // gateway socket already (a terminal bound to one context) asks there: run as it is.
  const address = globalFlags.host ?? globalFlags.lateHost ?? (globalFlags.context === undefined ? env.DOCKER_HOST || undefined : undefined);
  if (address !== undefined) {
    const socketPath = address.startsWith('unix://') ? address.slice('unix://'.length) : '';
    const atGateway = path.dirname(socketPath) === path.resolve(directory) && (await isOwnSocket(socketPath));
    return atGateway ? { socketPath, args: [...args], env } : undefined;
  }
  const parsed = parseDockerOptions(args, rootOptions, { interspersed: false });
  if (parsed.unknown || parsed.error) return undefined;
  try {
    const { context, source } = await resolveDockerContext(globalFlags, env);
    if (context.isDefault || !['--context', 'DOCKER_CONTEXT', 'config'].includes(source)) return undefined;
    const socketPath = gatewaySocketPath(directory, context.name);
    if (!(await isOwnSocket(socketPath))) return undefined;
    const kept = parsed.options.filter((option) => !droppedFlags.has(option.name)).map(({ name, value }) => `--${name}=${value}`);
    const routedEnv: NodeJS.ProcessEnv = { ...env, DOCKER_HOST: gatewayDockerHost(socketPath) };
    for (const name of droppedVariables) delete routedEnv[name];
    return { context, socketPath, args: [...kept, ...(parsed.endedByDashDash ? ['--'] : []), ...parsed.positionals], env: routedEnv };
  } catch {
    // No such context, a store docker cannot read either: docker says so itself.
    return undefined;
  }
}

/** A socket (not a link to one) that this user owns: no one else can have made it. */
async function isOwnSocket(socketPath: string): Promise<boolean> {
  try {
    const stat = await lstat(socketPath);
    return stat.isSocket() && stat.uid === process.getuid?.();
  } catch {
    return false;
  }
}
