/**
 * Which context the Docker CLI uses right now, with the CLI's own precedence: DOCKER_HOST (the
 * implicit default context) over DOCKER_CONTEXT over config.json's currentContext over default.
 * The source matters to the user: switching in the sidebar changes config.json, which an
 * environment variable silently overrides.
 */
import { defaultContextName } from './contextNames';

export type CurrentContextSource = 'DOCKER_HOST' | 'DOCKER_CONTEXT' | 'config' | 'default';

export interface CurrentContext {
  name: string;
  source: CurrentContextSource;
}

export function resolveCurrentContext(env: NodeJS.ProcessEnv, configCurrentContext: string): CurrentContext {
  if (env.DOCKER_HOST) return { name: defaultContextName, source: 'DOCKER_HOST' };
  if (env.DOCKER_CONTEXT) return { name: env.DOCKER_CONTEXT, source: 'DOCKER_CONTEXT' };
  if (configCurrentContext) return { name: configCurrentContext, source: 'config' };
  return { name: defaultContextName, source: 'default' };
}

/** The environment variable that overrides config.json, if any: what the UI must point out. */
export function overridingVariable(current: CurrentContext): 'DOCKER_HOST' | 'DOCKER_CONTEXT' | undefined {
  return current.source === 'DOCKER_HOST' || current.source === 'DOCKER_CONTEXT' ? current.source : undefined;
}
