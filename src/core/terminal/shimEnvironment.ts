/**
 * The contract between the `docker` launchers (media/shim/docker, docker.cmd), the shim and the
 * extension, in environment variables:
 *
 * - DOCKER_CONTEXT_GUARD_SHIM_DIRS: directories that hold a launcher, path-delimited. Each
 *   launcher adds its own; the extension may set it too. Finding the real docker skips them, so
 *   a launcher never runs itself, another copy of itself, or the guard twice.
 * - DOCKER_CONTEXT_GUARD_SAVED_<NAME>: Node settings of the user's shell (NODE_OPTIONS,
 *   NODE_EXTRA_CA_CERTS, ELECTRON_RUN_AS_NODE) that the launcher kept away from the guard's own
 *   Node — a debugger's --require, or a CA bundle that triples Node's start-up — and that docker
 *   gets back unchanged. The launcher runs Node with ELECTRON_RUN_AS_NODE=1 (so VS Code's own
 *   binary can be the runtime); docker never sees that one.
 */
import { sharedEnv } from '../sharedEnvironment';

/** The environment the user's shell had, as the launcher received it: what docker must run with. */
export function environmentBeforeLauncher(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const restored = { ...env };
  delete restored.ELECTRON_RUN_AS_NODE;
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(sharedEnv.savedPrefix)) continue;
    delete restored[name];
    restored[name.slice(sharedEnv.savedPrefix.length)] = value;
  }
  return restored;
}
