/**
 * The context store and config file the CLI works on, located like the Docker CLI locates them:
 * from the environment, and, run as a Docker CLI plugin, from the global flags docker was given
 * before the plugin's name (`docker --context X guard ls`): `--config` picks the store, `--context`
 * and `-H` the current context (over DOCKER_HOST, DOCKER_CONTEXT and config.json), `-H` and the
 * TLS flags build the implicit default context.
 */
import { type ContextList, listContexts } from '../core/contexts/contextList';
import { ContextStore } from '../core/contexts/contextStore';
import { dockerConfigDir } from '../core/contexts/dockerConfigDir';
import { DockerConfigFile } from '../core/contexts/dockerConfigFile';
import { tierRulesFromEnv } from '../core/contexts/tierRulesEnv';
import { classifyDockerArgs, type DockerGlobalFlags } from '../core/guard/classifyDockerArgs';
import type { CliIo } from './io';

export interface CliContextServices {
  store: ContextStore;
  configFile: DockerConfigFile;
  /** The contexts; `selectedBy` names the flag that chose the current one (then no variable overrides it). */
  list(): Promise<ContextList & { selectedBy?: '--context' | '--host' }>;
}

/** docker's global flags given to the plugin (none when run on its own). */
export function dockerGlobalFlags(io: Pick<CliIo, 'dockerGlobalArgs'>): DockerGlobalFlags {
  return io.dockerGlobalArgs ? classifyDockerArgs(io.dockerGlobalArgs).globalFlags : {};
}

export function contextServices(io: Pick<CliIo, 'env' | 'dockerGlobalArgs'>): CliContextServices {
  const { env } = io;
  const flags = dockerGlobalFlags(io);
  const configDir = flags.config || dockerConfigDir(env);
  const store = new ContextStore(configDir, defaultContextEnv(flags, env));
  const configFile = new DockerConfigFile(configDir);
  // docker's precedence: --context, then -H, then the environment and config.json (currentContext.ts).
  const selectedBy = flags.context ? '--context' : flags.host ? '--host' : undefined;
  const currentEnv = flags.context ? { ...env, DOCKER_HOST: undefined, DOCKER_CONTEXT: flags.context } : flags.host ? { ...env, DOCKER_HOST: flags.host } : env;
  return {
    store,
    configFile,
    list: async () => ({ ...(await listContexts(store, configFile, currentEnv, tierRulesFromEnv(env))), selectedBy }),
  };
}

/** The implicit default context's variables with -H and the TLS flags applied over them, as docker applies them. */
function defaultContextEnv(flags: DockerGlobalFlags, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const given = (flag: boolean | undefined, variable: string) => (flag === undefined ? {} : { [variable]: flag ? '1' : '' });
  return { ...env, ...(flags.host ? { DOCKER_HOST: flags.host } : {}), ...given(flags.tlsVerify, 'DOCKER_TLS_VERIFY'), ...given(flags.tls, 'DOCKER_TLS') };
}
