/**
 * The list every view shows — the sidebar, the status bar, the switcher and `ls` in the CLI:
 * the store's contexts with which one is current (by the CLI's precedence) and each one's tier.
 * Like `docker context ls`, a current context that does not exist is listed with an error.
 */
import type { ContextStore } from './contextStore';
import { type CurrentContext, resolveCurrentContext } from './currentContext';
import type { DockerConfigFile } from './dockerConfigFile';
import { brokenContext, type DockerContext } from './dockerContext';
import { withProductionLookAlikes } from './lookAlikeNames';
import { sortByName } from './naturalOrder';
import { compileTierRules, type Tier, type TierRules, type TierSource } from './tiers';

export interface ListedContext extends DockerContext {
  current: boolean;
  /** Listed only because the current context names it, but no such context exists. */
  missing: boolean;
  tier: Tier;
  tierSource: TierSource;
}

export interface ContextList {
  contexts: ListedContext[];
  current: CurrentContext;
  /** Set when config.json could not be read (the list still shows, current falls back to the env or default), or docker warns about it. */
  configError: string | null;
}

export async function listContexts(store: ContextStore, configFile: DockerConfigFile, env: NodeJS.ProcessEnv, rules: TierRules): Promise<ContextList> {
  const configured = await configFile.readConfiguredContext().catch((error: Error) => ({ name: '', warning: error.message }));
  const configError = configured.warning;
  const current = resolveCurrentContext(env, configured.name);
  const tierOf = compileTierRules(rules);
  // In docker context ls order already (store.list sorts); a missing current context joins in its place.
  let stored: (DockerContext & { missing?: boolean })[] = await store.list();
  if (!stored.some((context) => context.name === current.name)) {
    stored = sortByName([...stored, { ...brokenContext(current.name, `context "${current.name}" does not exist (set by ${current.source})`), missing: true }]);
  }
  const contexts = withProductionLookAlikes(
    stored.map((context) => ({
      ...context,
      current: context.name === current.name,
      missing: context.missing === true,
      ...tierOf(context),
    })),
  );
  return { contexts, current, configError };
}
