/**
 * Switching the current context for every terminal and tool of this user, exactly like
 * `docker context use` (docker/cli cli/command/context/use.go): `default` is stored as '';
 * any other name must be one docker accepts and have a meta.json docker can read (its
 * endpoint may be missing or odd: docker switches all the same, and the list shows why it
 * cannot be reached), so a typo never leaves docker pointing at nothing.
 */
import { ContextError } from './contextErrors';
import { contextNameProblem, defaultContextName } from './contextNames';
import type { ContextStore } from './contextStore';
import { overridingVariable, resolveCurrentContext } from './currentContext';
import type { DockerConfigFile } from './dockerConfigFile';

export async function switchContext(
  store: ContextStore,
  configFile: DockerConfigFile,
  env: NodeJS.ProcessEnv,
  name: string,
): Promise<{ overriddenBy: 'DOCKER_HOST' | 'DOCKER_CONTEXT' | undefined }> {
  if (name !== defaultContextName) {
    const problem = contextNameProblem(name);
    if (problem) throw new ContextError('invalidName', problem);
    await store.readMeta(name).catch((error: Error) => {
      throw new ContextError(ContextError.is(error) ? error.reason : 'unusable', `cannot use context "${name}": ${error.message}`, { cause: error });
    });
  }
  await configFile.writeCurrentContext(name === defaultContextName ? '' : name);
  return { overriddenBy: overridingVariable(resolveCurrentContext(env, name)) };
}
