/**
 * What integrated terminals of this window inherit from the extension, through VS Code's
 * environment-variable collection: DOCKER_CONTEXT when the switch scope is "window", so `docker`
 * in a new terminal talks to the engine this window shows, and the tier rules, so the CLI in a
 * terminal gives the same tiers as the sidebar.
 */
import type * as vscode from 'vscode';
import { tierRulesEnvVar, tierRulesToEnv } from '../core/contexts/tierRulesEnv';
import { DisposableStore } from '../core/lifecycle';
import type { ContextsModel } from './contextsModel';
import type { Settings } from './settings';

export class TerminalEnvironment extends DisposableStore {
  constructor(
    private readonly collection: vscode.EnvironmentVariableCollection,
    private readonly model: ContextsModel,
    private readonly settings: Settings,
  ) {
    super();
    this.register(model.onDidChange(() => this.update()));
    this.update();
  }

  private update(): void {
    const windowContext = this.model.windowContext;
    if (windowContext) this.collection.replace('DOCKER_CONTEXT', windowContext);
    else this.collection.delete('DOCKER_CONTEXT');
    this.collection.replace(tierRulesEnvVar, tierRulesToEnv(this.settings.tierRules()));
    this.collection.description = windowContext
      ? `Docker context "${windowContext}" for this window (DOCKER_CONTEXT)`
      : 'Docker Context Guard tier rules for the docker-context-guard CLI';
  }
}
