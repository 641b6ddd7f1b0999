/**
 * "Rotate Client Certificate": issues a new client certificate and key with the CA key kept in
 * SecretStorage (only CAs this extension generated have one there, and it stays after Export
 * Keys), puts them where the context keeps its keys, and checks the engine accepts the new one.
 * dockerd has no revocation list: the old certificate stays valid until it expires, and the
 * message says so and offers Rotate CA, which does revoke it.
 */
import * as vscode from 'vscode';

import { issueClientCertificate } from '../../core/certificates/certificateSet';
import type { ListedContext } from '../../core/contexts/contextList';
import { relativeDays } from '../../core/text/relativeDays';
import { caKeyArgument } from './caKeyArgument';
import type { CommandServices } from './commandServices';

export async function rotateClientCertificate(services: CommandServices, clicked?: ListedContext): Promise<void> {
  const { settings, model, engines, log, certificates, prompts } = services;
  const { context, ca } = await caKeyArgument(
    services,
    clicked,
    'Rotate Client Certificate',
    'only certificates made by Create TLS Context can be rotated here',
  );
  const oldEnd = certificates.of(context.name)?.client?.notAfter;
  const { days } = settings.certificateDefaults();
  const client = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Issuing a new client certificate for "${context.name}"` },
    () => issueClientCertificate({ certPem: ca.caPem, keyPem: ca.caKeyPem }, { days }),
  );
  const list = await model.replaceTlsMaterial(context, { ...ca, certPem: client.certPem, keyPem: client.keyPem });
  log.info(`Rotated the client certificate of "${context.name}"`);
  engines.connections.invalidate();
  await engines.probe(list.contexts.filter((candidate) => candidate.name === context.name));
  const stillValid = oldEnd ? ` until it expires ${relativeDays(oldEnd)}` : '';
  const message = `"${context.name}" now uses a new client certificate, valid for ${days} days. The engine still accepts the old one${stillValid}: dockerd has no revocation list. To revoke it, rotate the CA (a new CA, server bundle and client certificates).`;
  void prompts.notifyWithAction(message, 'Rotate CA…').then((rotate) => rotate && vscode.commands.executeCommand('dockerContextGuard.rotateCa', context));
}
