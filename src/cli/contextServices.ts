/** The context store and config file the CLI works on, located from its environment like the Docker CLI does. */
import { ContextStore } from '../core/contexts/contextStore';
import { DockerConfigFile } from '../core/contexts/dockerConfigFile';
import { dockerConfigDir } from '../core/contexts/dockerConfigDir';
import { listContexts, type ContextList } from '../core/contexts/contextList';
import { tierRulesFromEnv } from '../core/contexts/tierRulesEnv';

export interface CliContextServices {
  store: ContextStore;
  configFile: DockerConfigFile;
  list(): Promise<ContextList>;
}

export function contextServices(env: NodeJS.ProcessEnv): CliContextServices {
  const configDir = dockerConfigDir(env);
  const store = new ContextStore(configDir, env);
  const configFile = new DockerConfigFile(configDir);
  return { store, configFile, list: () => listContexts(store, configFile, env, tierRulesFromEnv(env)) };
}
