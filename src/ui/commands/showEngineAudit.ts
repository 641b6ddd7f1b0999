/**
 * "Engine Audit": the authorization plugin's record, read over an SSH context to the engine's
 * host (the file Enforce Access on Engine… set up, or its default place), merged in time with our
 * own audit log's lines for that host (engineAudit.ts), in a read-only document.
 */
import { defaultHostLayout, hostFiles } from '../../core/access/enforceOnHost';
import { endpointHost, mergeEngineAudit } from '../../core/access/engineAudit';
import { sshShell } from '../../core/access/remoteShell';
import type { ListedContext } from '../../core/contexts/contextList';
import type { CommandServices } from './commandServices';
import { contextArgument } from './contextArgument';

const pluginName = 'dcg-authz';

export async function showEngineAudit(services: CommandServices, clicked?: ListedContext): Promise<void> {
  const { access, auditLog, model, prompts, engineAudit } = services;
  const context = await contextArgument(services, clicked, 'Engine Audit', 'ssh', 'reaches an engine host by SSH');
  const file = access.auditFileVia(context.name) ?? hostFiles(defaultHostLayout(pluginName)).audit;
  const shell = sshShell(context.host, model.env);
  const text = await shell.run(['sh', '-c', `if [ -e "$1" ]; then cat "$1"; else echo missing >&2; exit 3; fi`, 'sh', file]).catch((error: Error) => {
    throw new Error(`cannot read the engine's audit ${file} through "${context.name}": ${error.message}`);
  });
  if (text.trim() === '') prompts.notify(`The engine's audit ${file} is empty: the plugin has judged no request yet.`);
  await engineAudit.show(context.name, mergeEngineAudit(text, auditLog.readRecent(4 * 1024 * 1024), endpointHost(context.host)));
}
