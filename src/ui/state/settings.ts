/**
 * Typed access to the `dockerContextGuard.*` settings. Workspace Trust is enforced by VS Code
 * itself: package.json lists every one of them as a setting an untrusted workspace may not set
 * (`restrictedConfigurations`), and `get()` then returns only the user's value for them.
 */
import * as vscode from 'vscode';

import { defaultTierRules, type TierRules } from '../../core/contexts/tiers';
import { defaultEngineTimeouts, type EngineTimeouts } from '../../core/engine/engineTimeouts';
import { defaultGuardSettings, type GuardSettings } from '../../core/guard/guardPolicy';

export const settingsSection = 'dockerContextGuard';

export type SwitchScope = 'global' | 'window';

/** What package.json allows for `engine.healthIntervalSeconds` besides 0, in seconds. */
export const healthIntervalBounds = { min: 10, max: 86_400 };

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

  /**
   * The tier rules of the user's own settings (user settings, else the defaults), ignoring any
   * workspace: what a workspace asks for is judged by these, so it cannot lower a tier and act on it.
   */
  userTierRules(): TierRules {
    const userValue = <T>(key: string): T | undefined => {
      const inspected = this.config.inspect<T>(key);
      return inspected?.globalValue ?? inspected?.defaultValue;
    };
    return {
      tiers: userValue<TierRules['tiers']>('tiers') ?? {},
      productionPatterns: userValue<string[]>('productionPatterns') ?? defaultTierRules.productionPatterns,
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
      connectMs: 1000 * (this.config.get<number>('engine.connectTimeoutSeconds') ?? defaultEngineTimeouts.connectMs / 1000),
      requestMs: 1000 * (this.config.get<number>('engine.requestTimeoutSeconds') ?? defaultEngineTimeouts.requestMs / 1000),
    };
  }

  /**
   * Seconds between health checks of visible contexts, 0 = only on demand; bounded whatever
   * wrote it (a setInterval of 1 ms probes every engine a thousand times a second, and one past
   * 2^31 ms fires at once, again and again).
   */
  healthIntervalSeconds(): number {
    const value = this.config.get<unknown>('engine.healthIntervalSeconds');
    if (typeof value !== 'number' || Number.isNaN(value)) return 60;
    return value <= 0 ? 0 : Math.min(healthIntervalBounds.max, Math.max(healthIntervalBounds.min, value));
  }

  certificateDefaults(): { keyType: string; days: number; caDays: number } {
    return {
      keyType: this.config.get<string>('certificates.keyType') ?? 'rsa4096',
      days: this.config.get<number>('certificates.days') ?? 90,
      caDays: this.config.get<number>('certificates.caDays') ?? 365,
    };
  }

  /** Lifetime in days of a certificate Grant Access issues. */
  accessDays(): number {
    return this.config.get<number>('access.days') ?? 30;
  }

  expiryWarningDays(): number {
    return this.config.get<number>('certificateExpiryWarningDays') ?? 30;
  }

  /** The guard's knobs; VS Code ignores their workspace values in an untrusted workspace. */
  guardSettings(): GuardSettings {
    return {
      confirmMutateOnProduction: this.config.get<boolean>('guard.confirmMutateOnProduction') ?? defaultGuardSettings.confirmMutateOnProduction,
      typeNameOnProduction: this.config.get<boolean>('guard.typeNameOnProduction') ?? defaultGuardSettings.typeNameOnProduction,
      includeLocal: this.config.get<boolean>('guard.includeLocal') ?? defaultGuardSettings.includeLocal,
      graceSeconds: this.config.get<number>('guard.graceSeconds') ?? defaultGuardSettings.graceSeconds,
      production: this.config.get<GuardSettings['production']>('guard.production') ?? defaultGuardSettings.production,
      maxElevationMinutes: this.config.get<number>('guard.maxElevationMinutes') ?? defaultGuardSettings.maxElevationMinutes,
    };
  }

  /** Switching onto production from the UI asks first, as `docker context use` does in a guarded terminal. */
  confirmSwitchToProduction(): boolean {
    return this.config.get<boolean>('guard.confirmSwitchToProduction') ?? true;
  }

  terminalGuardEnabled(): boolean {
    return this.config.get<boolean>('terminalGuard.enabled') ?? true;
  }

  /** How long "Allow changes on CONTEXT for N minutes" (the gateway's question) lasts: N, within what package.json allows. */
  gatewayAllowMinutes(): number {
    const value = this.config.get<unknown>('gateway.allowMinutes');
    return typeof value === 'number' && Number.isFinite(value) ? Math.min(120, Math.max(1, Math.round(value))) : 10;
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
