/**
 * Keeps Microsoft's Container Tools extension on the same engine as this window when the switch
 * scope is "window": its `containers.environment` workspace setting gets our DOCKER_CONTEXT, so
 * its sidebar and ours never disagree. With scope "global" both read config.json already, and
 * the key we set is removed again. Nothing happens when Container Tools is not installed or no
 * folder is open (workspace settings need one).
 *
 * Those settings are often a team's committed `.vscode/settings.json`: we remember what we wrote
 * (workspaceState) and change or remove only that (containerToolsPlan.ts), and never write a
 * production context into settings inside a git work tree; either is said once, not done.
 */
import * as path from 'node:path';

import * as vscode from 'vscode';

import { insideGitWorkTree } from '../../core/gitWorkTree';
import { DisposableStore } from '../../core/lifecycle';
import type { Prompts } from '../prompts/prompts';
import { productionByAnyRules } from '../views/contextPresentation';
import { planContainerTools } from './containerToolsPlan';
import type { ContextsModel } from './contextsModel';
import type { Settings } from './settings';

export const containerToolsIds = ['ms-azuretools.vscode-containers'];
const writtenKey = 'dockerContextGuard.containerToolsDockerContext';

export class ContainerToolsSync extends DisposableStore {
  /** What was said already, so each refusal is said once per window. */
  private readonly said = new Set<string>();

  constructor(
    private readonly model: ContextsModel,
    private readonly settings: Settings,
    private readonly workspaceState: vscode.Memento,
    private readonly prompts: Prompts,
    /** Whether Container Tools is there to keep in step. */
    private readonly present: () => boolean,
    log: vscode.LogOutputChannel,
  ) {
    super();
    this.register(model.onDidChange(() => void this.update().catch((error: Error) => log.warn(`Could not update containers.environment: ${error.message}`))));
  }

  private async update(): Promise<void> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (!this.present() || folders.length === 0) return;
    const config = vscode.workspace.getConfiguration('containers');
    const environment = { ...(config.inspect<Record<string, string>>('environment')?.workspaceValue ?? {}) };
    const wanted = this.model.windowContext;
    const target = wanted === undefined ? undefined : this.model.list?.contexts.find((context) => context.name === wanted);
    const settingsFolders =
      vscode.workspace.workspaceFile?.scheme === 'file' ? [path.dirname(vscode.workspace.workspaceFile.fsPath)] : folders.map((folder) => folder.uri.fsPath);
    const plan = planContainerTools({
      current: environment.DOCKER_CONTEXT,
      written: this.workspaceState.get<string>(writtenKey),
      wanted,
      wantedIsProduction: target !== undefined && productionByAnyRules(target, this.settings.userTierRules()),
      committed: (await Promise.all(settingsFolders.map(insideGitWorkTree))).some(Boolean),
    });
    if (plan.action === 'leave' && plan.because === 'notOurs') {
      this.sayOnce(
        `Container Tools keeps DOCKER_CONTEXT "${environment.DOCKER_CONTEXT}" from this workspace's settings (containers.environment): Docker Context Guard did not write it, so it does not change it. Its sidebar may show another engine than this window.`,
      );
    }
    if (plan.action !== 'set' && plan.because === 'productionInGit') {
      this.sayOnce(
        `Container Tools is not switched to production context "${wanted}": its setting would go into this workspace's settings, which are in a git work tree and get committed. Its sidebar may show another engine than this window.`,
      );
    }
    if (plan.action === 'leave') return;
    if (plan.action === 'set') environment.DOCKER_CONTEXT = plan.value;
    else delete environment.DOCKER_CONTEXT;
    await config.update('environment', Object.keys(environment).length > 0 ? environment : undefined, vscode.ConfigurationTarget.Workspace);
    await this.workspaceState.update(writtenKey, plan.action === 'set' ? plan.value : undefined);
  }

  private sayOnce(message: string): void {
    if (this.said.has(message)) return;
    this.said.add(message);
    this.prompts.notify(message);
  }
}
