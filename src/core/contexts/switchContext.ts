/**
 * Switching the current context for every terminal and tool of this user, like
 * `docker context use`: config.json's currentContext is set ('' for the default context),
 * after checking that the context exists and is usable, so a typo never leaves docker pointing
 * at nothing.
 */
import type { ContextStore } from './contextStore';
import { defaultContextName } from './contextNames';
import { resolveCurrentContext, overridingVariable } from './currentContext';
import type { DockerConfigFile } from './dockerConfigFile';

export async function switchContext(
  store: ContextStore,
  configFile: DockerConfigFile,
  env: NodeJS.ProcessEnv,
  name: string,
): Promise<{ overriddenBy: 'DOCKER_HOST' | 'DOCKER_CONTEXT' | undefined }> {
  const context = await store.get(name);
  if (context.error) throw new Error(`cannot use context "${name}": ${context.error}`);
  await configFile.writeCurrentContext(name === defaultContextName ? '' : name);
  return { overriddenBy: overridingVariable(resolveCurrentContext(env, name)) };
}
