/**
 * A workspace can name the Docker context it works with (`dockerContextGuard.workspaceContext`).
 * When the window opens on another context, we offer the switch, or make it when the workspace
 * asks for that, except onto production, which is only ever offered. Untrusted workspaces
 * cannot set these settings (package.json restrictedConfigurations).
 */
import * as vscode from 'vscode';
import { DisposableStore } from '../core/lifecycle';
import type { ContextsModel } from './contextsModel';
import type { Settings } from './settings';
import { messageText } from '../core/text/foreignText';

export class WorkspacePin extends DisposableStore {
  constructor(
    private readonly model: ContextsModel,
    private readonly settings: Settings,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.register(settings.onDidChange((affects) => affects('workspaceContext') && void this.apply()));
  }

  /** Checks the pin against the current context; call once the first list is read. */
  async apply(): Promise<void> {
    const wanted = this.settings.workspaceContext();
    const list = this.model.list ?? (await this.model.refresh());
    const current = list.contexts.find((context) => context.current);
    if (!wanted || current?.name === wanted) return;
    const target = list.contexts.find((context) => context.name === wanted);
    if (!target || target.error) {
      void vscode.window.showWarningMessage(messageText(`This workspace asks for Docker context "${wanted}", which ${target ? `cannot be used: ${target.error}` : 'does not exist'}.`));
      return;
    }
    if (this.settings.workspaceContextAction() === 'switch' && target.tier !== 'production') {
      await this.model.use(wanted);
      this.log.info(`Switched to "${wanted}" for this workspace`);
      return;
    }
    const answer = await vscode.window.showInformationMessage(
      `This workspace works with Docker context "${wanted}" (${target.tier}); docker now talks to "${current?.name}".`,
      `Use "${wanted}"`,
    );
    if (answer) await this.model.use(wanted);
  }
}
