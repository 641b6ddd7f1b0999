/**
 * Typed access to the `dockerContextGuard.*` settings. Workspace Trust is enforced by VS Code
 * itself: package.json lists the settings an untrusted workspace may not set
 * (`restrictedConfigurations`), and `get()` then returns only the user's value for them.
 */
import * as vscode from 'vscode';
import { defaultTierRules, type TierRules } from '../core/contexts/tiers';
import type { EngineTimeouts } from '../core/engine/engineTimeouts';

export const settingsSection = 'dockerContextGuard';

export type SwitchScope = 'global' | 'window';

export class Settings {
  private get config(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(settingsSection);
  }

  tierRules(): TierRules {
    return {
      tiers: this.config.get<TierRules['tiers']>('tiers') ?? {},
      productionPatterns: this.config.get<string[]>('productionPatterns') ?? defaultTierRules.productionPatterns,
    };
  }

  switchScope(): SwitchScope {
    return this.config.get<SwitchScope>('switchScope') === 'window' ? 'window' : 'global';
  }

  workspaceContext(): string {
    return (this.config.get<string>('workspaceContext') ?? '').trim();
  }

  workspaceContextAction(): 'ask' | 'switch' {
    return this.config.get('workspaceContextAction') === 'switch' ? 'switch' : 'ask';
  }

  visibleContexts(): string[] {
    return this.config.get<string[]>('visibleContexts') ?? [];
  }

  engineTimeouts(): EngineTimeouts {
    return {
      connectMs: 1000 * (this.config.get<number>('engine.connectTimeoutSeconds') ?? 5),
      requestMs: 1000 * (this.config.get<number>('engine.requestTimeoutSeconds') ?? 30),
    };
  }

  /** Seconds between health checks of visible contexts; 0 = only on demand. */
  healthIntervalSeconds(): number {
    return this.config.get<number>('engine.healthIntervalSeconds') ?? 60;
  }

  statusBarEnabled(): boolean {
    return this.config.get<boolean>('statusBar.enabled') ?? true;
  }

  /** Fires when any of our settings changes; `key` is relative, e.g. 'statusBar.enabled'. */
  onDidChange(listener: (affects: (key: string) => boolean) => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(settingsSection)) listener((key) => event.affectsConfiguration(`${settingsSection}.${key}`));
    });
  }
}
