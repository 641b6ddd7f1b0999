/**
 * Importing a read archive as a new context, as `docker context import NAME FILE` does: the
 * context takes the name given (not the archive's), and its TLS files go to the Docker CLI's
 * store or back to the caller for SecretStorage. A tier the archive carries never makes the
 * context laxer than its name and the user's settings make it (see importTier). Everything
 * that can refuse the import is checked before the first write; the TLS files are written
 * before meta.json, so the context appears only once complete.
 */
import { checkNewContextName } from '../contextNames';
import type { ContextStore } from '../contextStore';
import { writeContextMeta } from '../createContext';
import { withGuardEdit } from '../guardMetadata';
import { defaultTierRules, type Tier, type TierRules, type TierSource } from '../tiers';
import { completeTlsMaterial, pemOf, tlsFileList, tlsFileNames, type TlsMaterial, tlsParts } from '../tls/tlsMaterial';
import { withName } from './archiveMeta';
import { ArchiveRefused } from './archiveRefused';
import { assessImportTier, type ImportTier, resultingTier } from './importTier';
import type { ParsedArchive } from './readContextArchive';

export interface ImportOptions {
  /** `store`: TLS files into the Docker CLI's store; `none`: returned, for the caller to keep in SecretStorage. */
  tlsTo: 'store' | 'none';
  /** The user's tier rules, against which the archive's tier is weighed (the defaults when not given). */
  tierRules?: TierRules;
  /** The user agreed to keep a carried tier laxer than the name and settings give. */
  keepLaxerTier?: boolean;
}

export interface ImportResult {
  /** The TLS files, when they are for the caller to keep. */
  tls?: TlsMaterial;
  /** The tier the archive carried and what was made of it. */
  tier: ImportTier & { tier: Tier; tierSource: TierSource };
}

export async function importContextArchive(store: ContextStore, name: string, archive: ParsedArchive, options: ImportOptions): Promise<ImportResult> {
  await checkNewContextName(store, name);
  const pems = pemsOf(archive);
  const keysInSecretStorage = pems !== undefined && options.tlsTo === 'none';
  const assessed = assessImportTier(archive, name, options.tierRules ?? defaultTierRules);
  const { keepStored, ...resulting } = resultingTier(assessed, options.keepLaxerTier === true);
  const meta = withGuardEdit(JSON.stringify(withName(archive.meta, name)), {
    ...(keepStored ? {} : { tier: null }),
    keysIn: keysInSecretStorage ? 'secretStorage' : 'dockerCli',
  });
  // Files left under this name by a context removed by hand are not the archive's (docker clears them too).
  await store.tlsFiles.delete(name);
  if (pems && !keysInSecretStorage) await store.tlsFiles.write({ name }, pems);
  await writeContextMeta(store, name, meta);
  return { ...(keysInSecretStorage ? { tls: pems } : {}), tier: { ...assessed, ...resulting } };
}

/**
 * The docker endpoint's ca.pem, cert.pem and key.pem, or undefined when it has no TLS files.
 * This extension keeps TLS material as that set (SecretStorage holds it so), so a partial set
 * or another endpoint's files refuse the archive; `docker context import` takes those.
 */
function pemsOf(archive: ParsedArchive): TlsMaterial | undefined {
  const others = Object.keys(archive.tls).filter((endpoint) => endpoint !== 'docker');
  if (others.length > 0) {
    throw new ArchiveRefused(
      'unsupported-tls',
      `the archive has TLS files for the endpoint(s) ${others.join(', ')}; only the docker endpoint's can be imported`,
    );
  }
  const files = archive.tls.docker;
  if (!files) return undefined;
  const complete = completeTlsMaterial(files);
  if (!complete) {
    const present = tlsParts.filter((part) => pemOf(files, part) !== undefined).map((part) => tlsFileNames[part]);
    throw new ArchiveRefused(
      'unsupported-tls',
      `the archive has only ${present.join(', ')} of ${tlsFileList.join(', ')}; Docker Context Guard imports the three together`,
    );
  }
  return complete;
}
