/**
 * Keeps Microsoft's Container Tools extension on the same engine as this window when the switch
 * scope is "window": its `containers.environment` workspace setting gets our DOCKER_CONTEXT, so
 * its sidebar and ours never disagree. With scope "global" both read config.json already, and
 * the key we set is removed again. Nothing happens when Container Tools is not installed or no
 * folder is open (workspace settings need one).
 */
import * as vscode from 'vscode';
import { DisposableStore } from '../core/lifecycle';
import type { ContextsModel } from './contextsModel';

const containerToolsIds = ['ms-azuretools.vscode-containers'];

export class ContainerToolsSync extends DisposableStore {
  constructor(
    private readonly model: ContextsModel,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.register(model.onDidChange(() => void this.update().catch((error: Error) => log.warn(`Could not update containers.environment: ${error.message}`))));
  }

  private async update(): Promise<void> {
    if (!containerToolsIds.some((id) => vscode.extensions.getExtension(id)) || !vscode.workspace.workspaceFolders?.length) return;
    const config = vscode.workspace.getConfiguration('containers');
    const current = { ...(config.inspect<Record<string, string>>('environment')?.workspaceValue ?? {}) };
    const wanted = this.model.windowContext;
    if (current.DOCKER_CONTEXT === wanted) return;
    if (wanted) current.DOCKER_CONTEXT = wanted;
    else delete current.DOCKER_CONTEXT;
    await config.update('environment', Object.keys(current).length > 0 ? current : undefined, vscode.ConfigurationTarget.Workspace);
    this.log.info(wanted ? `Container Tools set to DOCKER_CONTEXT=${wanted} for this workspace` : 'Container Tools DOCKER_CONTEXT removed');
  }
}
