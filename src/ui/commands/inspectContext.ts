/** "Inspect Context": opens the context's meta.json as read-only JSON (TLS material never lives in it). */
import * as vscode from 'vscode';

import type { ListedContext } from '../../core/contexts/contextList';
import { inspectUri } from '../views/inspectDocuments';
import type { CommandServices } from './commandServices';
import { contextArgument } from './contextArgument';

export async function inspectContext(services: CommandServices, clicked?: ListedContext): Promise<void> {
  const context = await contextArgument(services, clicked, 'Inspect Docker Context', 'stored', 'is stored to inspect (the default context is not stored)');
  const document = await vscode.workspace.openTextDocument(inspectUri(context.name));
  await vscode.window.showTextDocument(document, { preview: true });
}
