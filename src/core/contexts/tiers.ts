/**
 * Environment tiers: how dangerous a context is. Sources, strongest first: the tier stored in
 * the context's metadata, the user's name → tier table (globs allowed), production name
 * patterns, staging names (`staging`, `stage`, `stg`, `uat`, `preprod` as words), then the
 * transport (sockets are local, anything else remote is development).
 */
import { isLocalTransport, type Transport } from './endpoint';
import { globToRegExp } from './globPattern';
import { isForeignName, nameSkeleton } from './lookAlikeNames';

export const tiers = ['production', 'staging', 'development', 'local'] as const;
export type Tier = (typeof tiers)[number];

export type TierSource = 'metadata' | 'setting' | 'name' | 'transport';

export interface TierRules {
  /** Context name or glob (`*`, `?`) → tier; the first matching entry wins. */
  tiers: Record<string, Tier>;
  /** Regular expressions (case-insensitive) that mark a context name as production. */
  productionPatterns: string[];
}

/** `prod`, `production`, `prd` or `live` as a word of the name: `prod-eu`, `api.live`, `PRD_2`. */
export const defaultProductionPatterns = ['(^|[^a-z0-9])(prod|production|prd|live)([^a-z0-9]|$)'];

/** Names that say staging, as words (`staging`, `stage-eu`, `stg`, `uat`, `preprod`): staging unless a setting says otherwise. */
const stagingNames = /(^|[^a-z0-9])(staging|stage|stg|uat|preprod)([^a-z0-9]|$)/i;

export const defaultTierRules: TierRules = { tiers: {}, productionPatterns: defaultProductionPatterns };

export function isTier(value: unknown): value is Tier {
  return typeof value === 'string' && (tiers as readonly string[]).includes(value);
}

export interface TierInput {
  name: string;
  storedTier: Tier | null;
  transport: Transport | null;
}

export type TierResolver = (context: TierInput) => { tier: Tier; tierSource: TierSource };

/**
 * Compiles the rules once into a function that gives each context its tier. A name docker
 * would never create (lookAlikeNames.ts) is also read as the plain name it imitates, and gets
 * the strictest tier of the two readings, whatever its own metadata says: `prоd` with a
 * Cyrillic о is production, as `prod` is.
 */
export function compileTierRules(rules: TierRules): TierResolver {
  const table = Object.entries(rules.tiers)
    .filter((entry): entry is [string, Tier] => isTier(entry[1]))
    .map(([glob, tier]) => ({ pattern: globToRegExp(glob), tier }));
  const production = rules.productionPatterns.map(safeRegExp).filter((pattern): pattern is RegExp => pattern !== undefined);
  const byName = (name: string, transport: Transport | null): { tier: Tier; tierSource: TierSource } => {
    const fromSetting = table.find(({ pattern }) => pattern.test(name));
    if (fromSetting) return { tier: fromSetting.tier, tierSource: 'setting' };
    if (production.some((pattern) => pattern.test(name))) return { tier: 'production', tierSource: 'name' };
    if (stagingNames.test(name)) return { tier: 'staging', tierSource: 'name' };
    return { tier: isLocalTransport(transport ?? undefined) ? 'local' : 'development', tierSource: 'transport' };
  };
  return (context) => {
    const own = context.storedTier ? { tier: context.storedTier, tierSource: 'metadata' as const } : byName(context.name, context.transport);
    if (!isForeignName(context.name)) return own;
    const imitated = byName(nameSkeleton(context.name), context.transport);
    return stricterTier(imitated.tier, own.tier) === own.tier ? own : imitated;
  };
}

/** The stricter of two tiers (production first). */
export function stricterTier(a: Tier, b: Tier): Tier {
  return tiers.indexOf(a) <= tiers.indexOf(b) ? a : b;
}

export function resolveTier(context: TierInput, rules: TierRules): { tier: Tier; tierSource: TierSource } {
  return compileTierRules(rules)(context);
}

/** A user-supplied pattern that does not compile is ignored rather than breaking every tier. */
function safeRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'i');
  } catch {
    return undefined;
  }
}
