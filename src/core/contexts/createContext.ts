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
import { guardMetadataKey } from './dockerContext';

export interface NewContext {
  name: string;
  description: string;
  host: string;
  /** This extension's own fields in Metadata (tier, where the keys are). */
  guardFields: Record<string, string>;
}

export async function createContext(store: ContextStore, context: NewContext): Promise<void> {
  await checkNewContextName(store, context.name);
  const metadata: Record<string, unknown> = {};
  if (context.description) metadata.Description = context.description;
  if (Object.keys(context.guardFields).length > 0) metadata[guardMetadataKey] = context.guardFields;
  const meta = { Name: context.name, Metadata: metadata, Endpoints: { docker: { Host: context.host, SkipTLSVerify: false } } };
  await writeContextMeta(store, context.name, meta);
}

/** Writes a context's meta.json where and how the Docker CLI does: directory 0755, file 0644, replaced atomically. */
export async function writeContextMeta(store: ContextStore, name: string, meta: Record<string, unknown>): Promise<void> {
  const file = store.metaFileOf(name);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o755 });
  await writeFileAtomic(file, JSON.stringify(meta), { mode: 0o644 });
}
