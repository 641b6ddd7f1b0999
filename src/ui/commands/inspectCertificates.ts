/** "Inspect Certificates": the client certificate and CA of a TLS context as read-only JSON (never the key). */
import * as vscode from 'vscode';

import type { ListedContext } from '../../core/contexts/contextList';
import { certificatesUri } from '../views/inspectDocuments';
import type { CommandServices } from './commandServices';
import { contextArgument } from './contextArgument';

export async function inspectCertificates(services: CommandServices, clicked?: ListedContext): Promise<void> {
  const context = await contextArgument(services, clicked, 'Inspect Certificates', 'tls', 'uses TLS');
  const document = await vscode.workspace.openTextDocument(certificatesUri(context.name));
  await vscode.window.showTextDocument(document, { preview: true });
}
