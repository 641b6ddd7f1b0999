/**
 * What each prune removes, as the engine decides it (moby's daemon prune): one definition for
 * the sidebar's listing (dockerode filters) and the terminal guard's (docker CLI filters), so the
 * two never list different things for the same prune.
 */

/** `container prune` removes every container that is not running, paused or restarting. */
export const prunableContainerStatuses = ['created', 'exited', 'dead'] as const;

/** What a prune removes beyond the objects a listing can name, said in the question instead. */
export const unlistedPruneEffects = {
  /** `system prune` also removes the build cache, which no listing names. */
  systemPrune: 'build cache',
} as const;
