/**
 * A workspace can name the Docker context it works with (`dockerContextGuard.workspaceContext`).
 * When the window opens on another context, we offer the switch, or make it when the workspace
 * asks for that, except onto production or an insecure endpoint, which is only ever offered.
 * Untrusted workspaces cannot set these settings (package.json restrictedConfigurations).
 *
 * A trusted workspace is still not trusted to judge its own request: its settings could lower
 * `prod-eu` to `local` and pin it. The target is weighed with the user's own tier rules as well
 * (Settings.userTierRules), and production by either is only offered. A switch in the global
 * scope moves every terminal of the machine, and says so.
 */
import * as vscode from 'vscode';

import type { ListedContext } from '../../core/contexts/contextList';
import { resolveTier, type Tier } from '../../core/contexts/tiers';
import { DisposableStore } from '../../core/lifecycle';
import { messageText } from '../../core/text/foreignText';
import { asSentence } from '../../core/text/sentence';
import type { Prompts } from '../prompts/prompts';
import { isInsecure, productionByAnyRules } from '../views/contextPresentation';
import type { ContextsModel } from './contextsModel';
import type { Settings } from './settings';

export class WorkspacePin extends DisposableStore {
  constructor(
    private readonly model: ContextsModel,
    private readonly settings: Settings,
    private readonly prompts: Prompts,
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
      void vscode.window.showWarningMessage(
        messageText(`This workspace asks for Docker context "${wanted}", which ${asSentence(target ? `cannot be used: ${target.error}` : 'does not exist')}`),
      );
      return;
    }
    const userRules = this.settings.userTierRules();
    const scope = this.settings.switchScope() === 'window' ? 'in this window only' : 'for every terminal and window on this machine (config.json)';
    if (this.settings.workspaceContextAction() === 'switch' && !productionByAnyRules(target, userRules) && !isInsecure(target)) {
      await this.model.use(wanted);
      this.log.info(`Switched to "${wanted}" ${scope} for this workspace`);
      if (this.settings.switchScope() === 'global')
        this.prompts.notify(`This workspace switched the Docker context to "${wanted}" ${scope}, not only in this window.`);
      return;
    }
    const asked = await this.prompts.offer(
      `This workspace works with Docker context "${wanted}" (${tierWords(target, resolveTier(target, userRules).tier)}); docker now talks to "${current?.name}". Using it switches ${scope}.`,
      `Use "${wanted}"`,
    );
    if (asked) await this.model.use(wanted);
  }
}

/** The tier, and what the user's own rules say when the workspace's differ. */
function tierWords(target: ListedContext, userTier: Tier): string {
  return userTier === target.tier ? target.tier : `${userTier} by your settings, ${target.tier} by this workspace's`;
}
