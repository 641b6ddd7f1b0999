/**
 * What integrated terminals of this window inherit from the extension, through VS Code's
 * environment-variable collection:
 * - DOCKER_CONTEXT when the switch scope is "window", so `docker` in a new terminal talks to the
 *   engine this window shows;
 * - the tier rules and guard settings, so the CLI and the terminal guard answer like the sidebar;
 * - with `terminalGuard.enabled`, the guarding `docker` launcher first on PATH, the Node binary
 *   to run it with (VS Code's own, as ELECTRON_RUN_AS_NODE) and the audit log to write to.
 */
import { chmodSync } from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { tierRulesToEnv } from '../../core/contexts/tierRulesEnv';
import { guardSettingsToEnv } from '../../core/guard/guardSettingsEnv';
import { sharedEnv } from '../../core/sharedEnvironment';
import { DisposableStore } from '../../core/lifecycle';
import type { ContextsModel } from './contextsModel';
import type { Settings } from './settings';

export interface TerminalGuardFiles {
  extensionPath: string;
  auditLogFile: string;
}

export class TerminalEnvironment extends DisposableStore {
  private readonly launcherDir: string;
  private launcherMadeExecutable = false;

  constructor(
    private readonly collection: vscode.EnvironmentVariableCollection,
    private readonly model: ContextsModel,
    private readonly settings: Settings,
    private readonly files: TerminalGuardFiles,
  ) {
    super();
    this.launcherDir = path.join(files.extensionPath, 'media', 'shim');
    this.register(model.onDidChange(() => this.update()));
    this.register(settings.onDidChange((affects) => (affects('guard') || affects('terminalGuard') || affects('tiers') || affects('productionPatterns')) && this.update()));
    this.update();
  }

  /** A .vsix does not always keep the launcher's executable bit; a read-only install keeps it anyway. */
  private ensureLauncherExecutable(): void {
    // Once per window: update() runs on every change of the model and the settings.
    if (this.launcherMadeExecutable) return;
    this.launcherMadeExecutable = true;
    try {
      chmodSync(path.join(this.launcherDir, 'docker'), 0o755);
    } catch {
      // Nothing to do: the terminal will say so if it cannot run the launcher.
    }
  }

  private update(): void {
    const { collection } = this;
    const windowContext = this.model.windowContext;
    if (windowContext) collection.replace('DOCKER_CONTEXT', windowContext);
    else collection.delete('DOCKER_CONTEXT');
    collection.replace(sharedEnv.tierRules, tierRulesToEnv(this.settings.tierRules()));
    collection.replace(sharedEnv.guardSettings, guardSettingsToEnv(this.settings.guardSettings()));
    const guarded = this.settings.terminalGuardEnabled();
    if (guarded) {
      this.ensureLauncherExecutable();
      collection.prepend('PATH', `${this.launcherDir}${path.delimiter}`);
      collection.replace(sharedEnv.shimDirs, this.launcherDir);
      collection.replace(sharedEnv.node, process.execPath);
      collection.replace(sharedEnv.auditLog, this.files.auditLogFile);
    } else {
      for (const name of ['PATH', sharedEnv.shimDirs, sharedEnv.node, sharedEnv.auditLog]) collection.delete(name);
    }
    collection.description = [
      windowContext ? `Docker context "${windowContext}" for this window (DOCKER_CONTEXT)` : '',
      guarded ? 'a guarding docker first on PATH (Docker Context Guard)' : '',
    ]
      .filter(Boolean)
      .join('; ') || 'Docker Context Guard tier rules for the CLI';
  }
}
