/**
 * "Docker Context Guard: Create TLS Context": the guided flow (endpoint, tier, certificates generated or
 * imported), then: the server bundle written where the user chose, the context saved in the
 * Docker CLI's store with its keys in SecretStorage (never on disk), and the connection tested.
 */
import * as vscode from 'vscode';

import { generateCertificateSet } from '../../core/certificates/certificateSet';
import { isKeyType } from '../../core/certificates/keyTypes';
import { writeServerBundle } from '../../core/certificates/serverBundle';
import type { TlsMaterial } from '../../core/contexts/tls/tlsMaterial';
import { messageText } from '../../core/text/foreignText';
import { asSentence } from '../../core/text/sentence';
import { certificateSteps } from '../createContext/tls/certificateSteps';
import { endpointSteps } from '../createContext/tls/endpointSteps';
import { draftHost, emptyDraft, type TlsContextDraft } from '../createContext/tls/tlsContextDraft';
import { UserCancelled } from '../prompts/userCancelled';
import { runWizard } from '../prompts/wizard';
import type { CommandServices } from './commandServices';

export async function createTlsContext(services: CommandServices): Promise<void> {
  const { prompts, model, settings, engines, log } = services;
  const draft = emptyDraft();
  const completed = await runWizard(draft, [...endpointSteps(prompts, model.reader, settings), ...certificateSteps(prompts, settings)]);
  if (!completed) throw new UserCancelled();

  const material = draft.source === 'generate' ? await generate(draft, services) : draft.imported!;
  const host = draftHost(draft);
  const list = await model.create({ name: draft.name, description: draft.description, host, tier: draft.tier }, material);
  log.info(`Created TLS context "${draft.name}" (${host}), keys in SecretStorage`);
  const created = list.contexts.find((context) => context.name === draft.name);
  if (!created) return;
  await engines.probe([created]);
  const health = engines.healthOf(draft.name);
  if (typeof health === 'object' && health.reachable) {
    void vscode.window.showInformationMessage(messageText(`Created "${draft.name}": Docker ${health.serverVersion} answers at ${host} over verified TLS.`));
  } else {
    const install =
      draft.source === 'generate' ? ` Install the server bundle from ${draft.serverBundleDir} on ${draft.host} (see its README.md), then Refresh.` : '';
    void vscode.window.showWarningMessage(
      messageText(
        `Created "${draft.name}", but the engine does not answer yet: ${asSentence(typeof health === 'object' ? (health.error ?? 'no answer') : 'not checked')}${install}`,
      ),
    );
  }
}

/** Makes the CA, server and client certificates with progress, and writes the server bundle. */
async function generate(draft: TlsContextDraft, { settings }: CommandServices): Promise<TlsMaterial> {
  const defaults = settings.certificateDefaults();
  const keyType = draft.keyType ?? (isKeyType(defaults.keyType) ? defaults.keyType : undefined);
  const set = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Creating certificates for ${draft.host}`, cancellable: false },
    (progress) =>
      generateCertificateSet({
        host: draft.host,
        keyType,
        days: defaults.days,
        caDays: defaults.caDays,
        onProgress: (step) => progress.report({ message: step }),
      }),
  );
  await writeServerBundle(draft.serverBundleDir!, set, { host: draft.host, port: Number(draft.port), contexts: [{ name: draft.name, keys: 'secretStorage' }] });
  return { caPem: set.ca.certPem, certPem: set.client.certPem, keyPem: set.client.keyPem, caKeyPem: set.ca.keyPem };
}
