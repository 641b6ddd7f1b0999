/** "Copy Context Endpoint": the context's Docker endpoint address to the clipboard. */
import * as vscode from 'vscode';

import type { ListedContext } from '../../core/contexts/contextList';
import type { CommandServices } from './commandServices';
import { contextArgument } from './contextArgument';

export async function copyEndpoint(services: CommandServices, clicked?: ListedContext): Promise<void> {
  const context = await contextArgument(services, clicked, 'Copy Context Endpoint', 'hasEndpoint', 'has an endpoint');
  await vscode.env.clipboard.writeText(context.host);
}
