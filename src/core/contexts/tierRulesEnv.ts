/**
 * Tier rules travel from the extension's settings to terminals (and so to the CLI and the
 * terminal guard) in one environment variable, so a terminal gets the same tiers as the sidebar.
 */
import { sharedEnv } from '../sharedEnvironment';
import { defaultTierRules, isTier, type Tier, type TierRules } from './tiers';

export function tierRulesToEnv(rules: TierRules): string {
  return JSON.stringify(rules);
}

/** The rules in the environment, or the defaults when absent; unusable parts are dropped, never fatal. */
export function tierRulesFromEnv(env: NodeJS.ProcessEnv): TierRules {
  const text = env[sharedEnv.tierRules];
  if (!text) return defaultTierRules;
  try {
    const parsed = JSON.parse(text) as Partial<TierRules>;
    const tiers = Object.fromEntries(Object.entries(parsed.tiers ?? {}).filter((entry): entry is [string, Tier] => isTier(entry[1])));
    const productionPatterns = Array.isArray(parsed.productionPatterns)
      ? parsed.productionPatterns.filter((pattern): pattern is string => typeof pattern === 'string')
      : defaultTierRules.productionPatterns;
    return { tiers, productionPatterns };
  } catch {
    return defaultTierRules;
  }
}
