/**
 * Makes a context current, and when its TLS keys live in SecretStorage says what that means
 * right away: the sidebar connects with them, but `docker` in a terminal has no key files and
 * fails with a TLS error nobody expects. Said once per context and window, with the way out.
 */
import * as vscode from 'vscode';
import type { ListedContext } from '../../core/contexts/contextList';
import type { CommandServices } from './commandServices';

const exportButton = 'Export Keys to Docker CLI…';
/** Contexts already explained in this window (one extension host, one activation). */
const explained = new Set<string>();

export async function useAndExplain({ model, prompts }: CommandServices, context: ListedContext): Promise<void> {
  await model.use(context.name);
  if (!context.keysInSecretStorage || explained.has(context.name)) return;
  explained.add(context.name);
  const message = `"${context.name}" keeps its TLS keys in VS Code's SecretStorage: the sidebar uses them, but docker in a terminal has none and cannot connect until you export them.`;
  void prompts.offer(message, exportButton).then((chosen) => chosen && vscode.commands.executeCommand('dockerContextGuard.exportKeysToDockerCli', context));
}
