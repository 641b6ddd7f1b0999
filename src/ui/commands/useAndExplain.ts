/**
 * Makes a context current, as deliberately as a terminal would (production asks first), and then
 * says at once what the switch did not reach: the open terminals that still send docker elsewhere
 * (with the offer to relaunch them), and, when its TLS keys live in SecretStorage, that `docker`
 * in a terminal has no key files and fails with a TLS error nobody expects (once per context and
 * window, with the way out).
 */
import * as vscode from 'vscode';

import type { ListedContext } from '../../core/contexts/contextList';
import { confirmProductionSwitch } from '../prompts/confirmProductionSwitch';
import { offerStaleTerminalsRelaunch } from '../prompts/staleTerminalsNotice';
import type { CommandServices } from './commandServices';

const exportButton = 'Export Keys to Docker CLI…';
/** Contexts already explained in this window (one extension host, one activation). */
const explained = new Set<string>();

export async function useAndExplain({ model, prompts, settings, terminals }: CommandServices, context: ListedContext): Promise<void> {
  await confirmProductionSwitch(settings, prompts, context);
  await model.use(context.name);
  offerStaleTerminalsRelaunch(terminals, prompts, context.name);
  if (!context.keysInSecretStorage || explained.has(context.name)) return;
  explained.add(context.name);
  const message = `"${context.name}" keeps its TLS keys in VS Code's SecretStorage: the sidebar and this window's terminals use them (through the engine gateway), but docker in a terminal has none outside VS Code and cannot connect there until you export them.`;
  void prompts.offer(message, exportButton).then((chosen) => chosen && vscode.commands.executeCommand('dockerContextGuard.exportKeysToDockerCli', context));
}
