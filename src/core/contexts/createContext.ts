/**
 * Creating a context in the Docker CLI's store, as `docker context create` writes it, so it
 * lists everywhere (`docker context ls`, this extension, other tools). TLS files are not written
 * here: keys go to SecretStorage, or to the store only by an explicit export.
 */
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';

import { writeFileAtomic } from '../atomicFile';
import { checkNewContextName } from './contextNames';
import type { ContextStore } from './contextStore';
import { withGuardEdit } from './guardMetadata';
import type { Tier } from './tiers';
import type { KeysLocation } from './tls/tlsKeyStore';

export interface NewContext {
  name: string;
  description: string;
  host: string;
  /** A tier stored in its metadata (none: settings and name rules decide). */
  tier?: Tier;
  /** Where its TLS keys are kept (none: nowhere yet, or the Docker CLI's store). */
  keysIn?: KeysLocation;
}

export async function createContext(store: ContextStore, context: NewContext): Promise<void> {
  await checkNewContextName(store, context.name);
  const metadata = context.description ? { Description: context.description } : {};
  const meta = { Name: context.name, Metadata: metadata, Endpoints: { docker: { Host: context.host, SkipTLSVerify: false } } };
  await writeContextMeta(
    store,
    context.name,
    withGuardEdit(JSON.stringify(meta), { ...(context.tier ? { tier: context.tier } : {}), ...(context.keysIn ? { keysIn: context.keysIn } : {}) }),
  );
}

/** Writes a context's meta.json text where and how the Docker CLI does: directory 0755, file 0644, replaced atomically. */
export async function writeContextMeta(store: Pick<ContextStore, 'metaFileOf'>, name: string, text: string): Promise<void> {
  const file = store.metaFileOf(name);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o755 });
  await writeFileAtomic(file, text, { mode: 0o644 });
}
