/**
 * What keeping Container Tools in step may do to `containers.environment.DOCKER_CONTEXT` in the
 * workspace's settings, decided from what is there and what we wrote before: a value we did not
 * write is never changed or removed, and a production context is never written into settings a
 * git work tree holds (they get committed, and the next person to open the folder is on production).
 */

export interface ContainerToolsFacts {
  /** DOCKER_CONTEXT in the workspace's containers.environment now. */
  current: string | undefined;
  /** What we last wrote there (workspaceState), if we did. */
  written: string | undefined;
  /** This window's context, or undefined when the window follows config.json. */
  wanted: string | undefined;
  /** The wanted context is production by the workspace's or the user's rules. */
  wantedIsProduction: boolean;
  /** The settings file is in a git work tree. */
  committed: boolean;
}

export type ContainerToolsPlan =
  { action: 'set'; value: string } | { action: 'remove'; because?: 'productionInGit' } | { action: 'leave'; because?: 'notOurs' | 'productionInGit' };

export function planContainerTools(facts: ContainerToolsFacts): ContainerToolsPlan {
  const { current, written, wanted } = facts;
  const ours = current === undefined || current === written;
  if (wanted !== undefined && wanted === current && !(facts.wantedIsProduction && facts.committed)) return { action: 'leave' };
  if (!ours) return { action: 'leave', because: 'notOurs' };
  if (wanted !== undefined && facts.wantedIsProduction && facts.committed)
    return current === undefined ? { action: 'leave', because: 'productionInGit' } : { action: 'remove', because: 'productionInGit' };
  if (wanted !== undefined) return { action: 'set', value: wanted };
  return current === undefined ? { action: 'leave' } : { action: 'remove' };
}
