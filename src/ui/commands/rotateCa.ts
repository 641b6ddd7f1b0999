/**
 * "Rotate CA": what really revokes client certificates, since dockerd has no revocation list. A
 * new CA and server certificate, written as a server bundle to a folder the user picks, and a new
 * client certificate, signed by the new CA, for every context whose CA certificate is the old one.
 * Each context's new key goes where it keeps its keys (clientMaterial.ts). The engine accepts the
 * old certificates until it restarts with the new bundle; the README says how.
 */
import * as vscode from 'vscode';

import { rotateCa as rotateCertificates, tcpHostPort } from '../../core/certificates/caRotation';
import { describeCertificate } from '../../core/certificates/describeCertificate';
import { isKeyType } from '../../core/certificates/keyTypes';
import { writeServerBundle } from '../../core/certificates/serverBundle';
import type { ListedContext } from '../../core/contexts/contextList';
import { engineAddress } from '../../core/contexts/engineAddress';
import { pickServerBundleFolder } from '../createContext/tls/serverBundleFolder';
import { UserCancelled } from '../prompts/userCancelled';
import { keyPlace } from '../state/clientMaterial';
import { caKeyArgument } from './caKeyArgument';
import type { CommandServices } from './commandServices';

const title = 'Rotate CA';

export async function rotateCa(services: CommandServices, clicked?: ListedContext): Promise<void> {
  const { model, certificates, prompts, settings, engines, log } = services;
  const { context, ca } = await caKeyArgument(services, clicked, title, 'only a CA made by Create TLS Context can be rotated here');
  const oldCa = describeCertificate(ca.caPem).fingerprintSha256;
  // Every context made from this CA: the one chosen first (its host names the server certificate).
  const others = (model.list?.contexts ?? []).filter(
    (candidate) => candidate.name !== context.name && candidate.transport === 'tls' && certificates.of(candidate.name)?.ca?.fingerprintSha256 === oldCa,
  );
  const contexts = [context, ...others];
  const endpoints = contexts.map((each) => tcpHostPort(engineAddress(each) ?? ''));
  const engine = endpoints[0];
  if (!engine) throw new Error(`"${context.name}" does not point at a tcp:// engine`);

  const dir = await pickServerBundleFolder(
    prompts,
    `${title}: folder for the new server bundle (ca.pem, server-cert.pem, server-key.pem) to install on ${engine.host}`,
  );
  if (dir === undefined) throw new UserCancelled();
  const confirmed = await prompts.confirm(
    `Replace the CA of "${context.name}"${others.length > 0 ? ` and ${others.length} more context${others.length === 1 ? '' : 's'}` : ''}?`,
    [
      `A new CA and server certificate go to ${dir} (server-key.pem 0600). New client certificates of the new CA replace the old ones in:`,
      ...contexts.map((each) => `• ${each.name}: ${keyPlace(each, model)}`),
      'They cannot connect until the engine runs with the new bundle; then it refuses every certificate of the old CA. Until then it still accepts them.',
    ].join('\n'),
    'Rotate CA',
  );
  if (!confirmed) throw new UserCancelled();

  const defaults = settings.certificateDefaults();
  const rotation = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Making a new CA for ${engine.host}` },
    (progress) =>
      rotateCertificates(
        endpoints.flatMap((endpoint) => (endpoint ? [endpoint.host] : [])),
        contexts.map((each) => each.name),
        {
          keyType: isKeyType(defaults.keyType) ? defaults.keyType : undefined,
          days: defaults.days,
          caDays: defaults.caDays,
          onProgress: (step) => progress.report({ message: step }),
        },
      ),
  );
  const contextKeys = contexts.map((each) => ({ name: each.name, keys: each.keysInSecretStorage ? ('secretStorage' as const) : ('dockerCli' as const) }));
  await writeServerBundle(dir, rotation.set, { host: engine.host, port: engine.port, contexts: contextKeys, replacesCa: true });
  for (const each of contexts) {
    const client = rotation.clients.get(each.name)!;
    const keepsCaKey = each === context || certificates.of(each.name)?.caKeyHeld === true;
    await model.replaceTlsMaterial(each, { caPem: rotation.set.ca.certPem, ...client, caKeyPem: keepsCaKey ? rotation.set.ca.keyPem : undefined });
  }
  log.info(`Rotated the CA of ${contexts.map((each) => `"${each.name}"`).join(', ')}; server bundle in ${dir}`);
  engines.connections.invalidate();
  const list = await model.refresh();
  await engines.probe(list.contexts.filter((candidate) => contexts.some((each) => each.name === candidate.name)));
  prompts.notify(
    `New CA for ${contexts.map((each) => `"${each.name}"`).join(', ')}. The engine accepts the old certificates until it restarts with the server bundle from ${dir} (see its README.md); after that it refuses them.`,
  );
}
