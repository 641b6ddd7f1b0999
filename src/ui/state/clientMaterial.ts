/**
 * What the certificate commands read of the stored TLS material (SecretTlsStore and the Docker
 * CLI's store): whether the CA key is held, the CA and its key, and where a context's client key
 * is kept. Writing a new pair is the model's (ContextsModel.replaceTlsMaterial).
 */
import type * as vscode from 'vscode';

import type { ListedContext } from '../../core/contexts/contextList';
import type { TlsMaterial } from '../../core/contexts/tls/tlsMaterial';
import type { Prompts } from '../prompts/prompts';
import { storedKeysAgreed } from '../prompts/storedKeysConsent';
import type { ContextsModel } from './contextsModel';
import type { SecretTlsStore } from './secretTlsStore';

export interface MaterialServices {
  secrets: SecretTlsStore;
  prompts: Prompts;
  model: ContextsModel;
  log: vscode.LogOutputChannel;
}

export type HeldCa = Required<Pick<TlsMaterial, 'caPem' | 'caKeyPem'>>;

/** Whether SecretStorage holds a CA key for the context, whether or not its client keys are there (after Export Keys, they are not). */
export async function caKeyHeld(secrets: SecretTlsStore, contextName: string): Promise<boolean> {
  return Boolean((await secrets.load(contextName))?.caKeyPem);
}

/** The context's CA and its key, once the stored keys may go where the context points; undefined when no CA key is held. */
export async function heldCa(services: MaterialServices, context: ListedContext): Promise<HeldCa | undefined> {
  const stored = context.keysInSecretStorage ? await storedKeysAgreed(services, context) : await services.secrets.loadFor(context);
  return stored?.caKeyPem ? { caPem: stored.caPem, caKeyPem: stored.caKeyPem } : undefined;
}

/** Where `context` keeps its client key, in words for a confirmation. */
export function keyPlace(context: ListedContext, model: ContextsModel): string {
  return context.keysInSecretStorage ? 'SecretStorage' : `${model.tlsFiles.describe(context.name)} (key.pem 0600)`;
}
