/** The Docker CLI's configuration directory: $DOCKER_CONFIG, else ~/.docker. */
import * as os from 'node:os';
import * as path from 'node:path';

export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_CONFIG || path.join(env.HOME || os.homedir(), '.docker');
}
