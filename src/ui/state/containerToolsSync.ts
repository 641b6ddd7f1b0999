/**
 * Keeps Microsoft's Container Tools extension on the same engine as this window when the switch
 * scope is "window", through the engine gateway: its `containers.environment` workspace setting
 * gets DOCKER_HOST at the gateway socket of this window's context, so its actions are asked like
 * ours and its sidebar and ours never disagree. With scope "global" both read config.json
 * already, and the keys we set are removed again. Nothing happens when Container Tools is not
 * installed or no folder is open (workspace settings need one).
 *
 * Those settings are often a team's committed `.vscode/settings.json`: we remember what we wrote
 * (workspaceState) and change or remove only that (containerToolsPlan.ts, once per key). Inside a
 * git work tree no socket path is ever written — it is this window's alone and would be committed
 * for everyone — so there Container Tools gets DOCKER_CONTEXT as before (never a production one),
 * and reaches the engine directly; both are said once. A DOCKER_CONTEXT the team pinned is left,
 * and no DOCKER_HOST is put over it.
 */
import * as path from 'node:path';

import * as vscode from 'vscode';

import type { ListedContext } from '../../core/contexts/contextList';
import { insideGitWorkTree } from '../../core/gitWorkTree';
import { DisposableStore } from '../../core/lifecycle';
import type { Prompts } from '../prompts/prompts';
import { productionByAnyRules } from '../views/contextPresentation';
import { type ContainerToolsPlan, planContainerTools } from './containerToolsPlan';
import type { ContextsModel } from './contextsModel';
import type { Settings } from './settings';

export const containerToolsIds = ['ms-azuretools.vscode-containers'];
/** What we wrote, per variable of containers.environment. */
const writtenKeys = { DOCKER_CONTEXT: 'dockerContextGuard.containerToolsDockerContext', DOCKER_HOST: 'dockerContextGuard.containerToolsDockerHost' };
type Variable = keyof typeof writtenKeys;

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
    /** The DOCKER_HOST of a context's gateway socket (the gateway starts if it has not). */
    private readonly gatewayHost: (context: ListedContext) => Promise<string>,
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
    const committed = (await Promise.all(settingsFolders.map(insideGitWorkTree))).some(Boolean);
    const throughGateway = wanted !== undefined && target !== undefined && !committed;
    const plan = planContainerTools({
      current: environment.DOCKER_CONTEXT,
      written: this.workspaceState.get<string>(writtenKeys.DOCKER_CONTEXT),
      wanted: throughGateway ? undefined : wanted,
      wantedIsProduction: target !== undefined && productionByAnyRules(target, this.settings.userTierRules()),
      committed,
    });
    const pinned = plan.action === 'leave' && plan.because === 'notOurs';
    const hostPlan = planContainerTools({
      current: environment.DOCKER_HOST,
      written: this.workspaceState.get<string>(writtenKeys.DOCKER_HOST),
      wanted: throughGateway && !pinned ? await this.gatewayHost(target) : undefined,
      wantedIsProduction: false,
      committed,
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
    if (wanted !== undefined && committed && !pinned && !('because' in plan && plan.because === 'productionInGit'))
      this.sayOnce(
        `Container Tools goes to "${wanted}" directly, not through Docker Context Guard's engine gateway: this workspace's settings are in a git work tree, and the gateway's socket is this window's alone, so it is not written there. Its actions are not asked.`,
      );
    const changes = [['DOCKER_CONTEXT', plan] as const, ['DOCKER_HOST', hostPlan] as const].filter(([, each]) => each.action !== 'leave');
    if (changes.length === 0) return;
    for (const [variable, each] of changes) apply(environment, variable, each);
    await config.update('environment', Object.keys(environment).length > 0 ? environment : undefined, vscode.ConfigurationTarget.Workspace);
    for (const [variable, each] of changes) await this.workspaceState.update(writtenKeys[variable], each.action === 'set' ? each.value : undefined);
  }

  private sayOnce(message: string): void {
    if (this.said.has(message)) return;
    this.said.add(message);
    this.prompts.notify(message);
  }
}

function apply(environment: Record<string, string>, variable: Variable, plan: ContainerToolsPlan): void {
  if (plan.action === 'set') environment[variable] = plan.value;
  else delete environment[variable];
}
