/**
 * The tier an imported context gets. An archive may carry a tier in its metadata (this
 * extension's DockerContextGuard.tier), and whoever made it chose it: an archive of `prod-eu`
 * saying `local` would silence every confirmation on production. So the carried tier is kept
 * only when it is at least as strict as what the new name, the user's settings and the
 * endpoint give; a laxer one is dropped unless the user agrees to keep it.
 */
import { type Transport, transportOf } from '../endpoint';
import { guardFieldsOf } from '../guardMetadata';
import { decodeMetaJson, dockerEndpointOf, type DockerMeta } from '../metaJson';
import { compileTierRules, type Tier, type TierRules, tiers, type TierSource } from '../tiers';
import type { ParsedArchive } from './readContextArchive';

export interface ImportTier {
  /** The tier stored in the archive, or null. */
  carried: Tier | null;
  /** What the name, the settings and the endpoint give without it. */
  derived: Tier;
  derivedSource: TierSource;
  /** The carried tier is laxer than the derived one: kept only when the user agrees. */
  lowers: boolean;
}

/** Lower is stricter: production first. */
const strictness = (tier: Tier) => tiers.indexOf(tier);

export function assessImportTier(archive: ParsedArchive, name: string, rules: TierRules): ImportTier {
  const meta = decodeMetaJson(JSON.stringify(archive.meta));
  const carried = guardFieldsOf(meta).storedTier;
  const { tier: derived, tierSource: derivedSource } = compileTierRules(rules)({ name, storedTier: null, transport: transportOfMeta(meta, archive) });
  return { carried, derived, derivedSource, lowers: carried !== null && strictness(carried) > strictness(derived) };
}

/** The tier the imported context ends up with, and where it comes from. */
export function resultingTier(assessed: ImportTier, keepCarried: boolean): { tier: Tier; tierSource: TierSource; keepStored: boolean } {
  const keepStored = assessed.carried !== null && (!assessed.lowers || keepCarried);
  return keepStored
    ? { tier: assessed.carried as Tier, tierSource: 'metadata', keepStored }
    : { tier: assessed.derived, tierSource: assessed.derivedSource, keepStored };
}

function transportOfMeta(meta: DockerMeta, archive: ParsedArchive): Transport | null {
  const endpoint = dockerEndpointOf(meta);
  if ('error' in endpoint) return null;
  try {
    return transportOf(endpoint.host, endpoint.skipTLSVerify || archive.tls.docker !== undefined);
  } catch {
    return null;
  }
}
