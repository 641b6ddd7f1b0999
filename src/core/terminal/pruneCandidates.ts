/**
 * What a prune typed in a terminal would remove, asked of the engine with the real docker before
 * the guard's question, so the question lists it, as the sidebar does. A listing only informs:
 * a guarded prune is asked even when it lists nothing, since the engine may still remove what
 * no listing names (build cache, images a tag listing misses). Listings use the command's own
 * global flags, so they reach the same engine; one that fails or times out leaves the question
 * without a list, never blocks it.
 */
import { execFile } from 'node:child_process';

import { prunableContainerStatuses, unlistedPruneEffects } from '../engine/pruneScope';
import type { DockerGlobalFlags } from '../guard/classifyDockerArgs';

/** Listing commands per kind of prune: what is unused, as the engine's own filters say. */
const listings = {
  containers: [
    'container',
    'ls',
    '--all',
    ...prunableContainerStatuses.flatMap((status) => ['--filter', `status=${status}`]),
    '--format',
    'container {{.Names}}',
  ],
  danglingImages: ['image', 'ls', '--filter', 'dangling=true', '--format', 'image {{.ID}}'],
  // Untagged images go too: they are named by id.
  images: ['image', 'ls', '--format', 'image {{if eq .Tag "<none>"}}{{.ID}}{{else}}{{.Repository}}:{{.Tag}}{{end}}'],
  volumes: ['volume', 'ls', '--filter', 'dangling=true', '--format', 'volume {{.Name}}'],
  networks: ['network', 'ls', '--filter', 'dangling=true', '--filter', 'type=custom', '--format', 'network {{.Name}}'],
} as const;

type Listing = keyof typeof listings;

/** The listings a prune operation (as classifyDockerArgs names it, options included) needs; undefined when it is no prune we list. */
function listingsFor(operation: string): Listing[] | undefined {
  const all = /--all\b/.test(operation);
  const images: Listing = all ? 'images' : 'danglingImages';
  if (operation.startsWith('container prune')) return ['containers'];
  if (operation.startsWith('image prune')) return [images];
  if (operation.startsWith('volume prune')) return ['volumes'];
  if (operation.startsWith('network prune')) return ['networks'];
  if (operation.startsWith('system prune')) return ['containers', 'networks', images, ...(/--volumes\b/.test(operation) ? (['volumes'] as Listing[]) : [])];
  return undefined;
}

function globalArgs(flags: DockerGlobalFlags): string[] {
  const args: string[] = [];
  if (flags.config) args.push('--config', flags.config);
  if (flags.context) args.push('--context', flags.context);
  if (flags.host) args.push('--host', flags.host);
  if (flags.tls) args.push('--tls');
  if (flags.tlsVerify) args.push('--tlsverify');
  if (flags.tlsCaCert) args.push('--tlscacert', flags.tlsCaCert);
  if (flags.tlsCert) args.push('--tlscert', flags.tlsCert);
  if (flags.tlsKey) args.push('--tlskey', flags.tlsKey);
  return args;
}

function run(docker: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile(docker, args, { env, timeout: timeoutMs }, (error, stdout) => {
      if (error) reject(error);
      else
        resolve(
          stdout
            .split('\n')
            .map((line) => line.trim())
            .filter((line) => line !== ''),
        );
    });
  });
}

/**
 * `kind name` lines for what the prune would remove (`[]`: nothing listed), or undefined when
 * the operation is not a prune we list or the engine did not answer in time.
 */
export async function pruneCandidates(
  docker: string,
  operation: string,
  flags: DockerGlobalFlags,
  env: NodeJS.ProcessEnv,
  timeoutMs = 10_000,
): Promise<string[] | undefined> {
  const needed = listingsFor(operation);
  if (!needed) return undefined;
  try {
    const lists = await Promise.all(needed.map((listing) => run(docker, [...globalArgs(flags), ...listings[listing]], env, timeoutMs)));
    const unlisted = operation.startsWith('system prune') ? [unlistedPruneEffects.systemPrune] : [];
    return [...lists.flat(), ...unlisted];
  } catch {
    return undefined;
  }
}
