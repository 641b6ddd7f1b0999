/**
 * What integrated terminals of this window inherit from the extension, through VS Code's
 * environment-variable collection:
 * - DOCKER_CONTEXT when the switch scope is "window", so `docker` in a new terminal talks to the
 *   engine this window shows;
 * - the tier rules and guard settings, so the CLI and the terminal guard answer like the sidebar;
 * - with `terminalGuard.enabled`, the guarding `docker` launcher first on PATH, the Node binary
 *   to run it with (VS Code's own, as ELECTRON_RUN_AS_NODE), the audit log to write to, and the
 *   folder of this window's engine gateway sockets, where the launcher sends docker
 *   (core/terminal/gatewayRoute.ts).
 *
 * VS Code applies the collection only when a terminal starts: one opened before a window-scope
 * switch keeps the DOCKER_CONTEXT it started with, and docker there still goes to the old
 * context. So it keeps what each open terminal started with, to say which are stale and to
 * relaunch them (VS Code's own "Relaunch Terminal", which starts a new shell in the same tab).
 */
import { chmodSync } from 'node:fs';
import * as path from 'node:path';

import * as vscode from 'vscode';

import { tierRulesToEnv } from '../../core/contexts/tierRulesEnv';
import { guardSettingsToEnv } from '../../core/guard/guardSettingsEnv';
import { DisposableStore } from '../../core/lifecycle';
import { sharedEnv } from '../../core/sharedEnvironment';
import type { ContextsModel } from './contextsModel';
import type { Settings, SwitchScope } from './settings';

export interface TerminalGuardFiles {
  extensionPath: string;
  auditLogFile: string;
  /** The guard's state folder (elevations): the CLI in these terminals must see this window's. */
  stateDir: string;
  /** This window's engine gateway sockets (gatewayService.ts). */
  gatewayDir: string;
}

/** What a switch changes, in the scope the setting gives: the words of every message about it. */
export function switchReach(scope: SwitchScope): string {
  return scope === 'window'
    ? 'this window only (its sidebar and the terminals opened after the switch)'
    : 'config.json (every terminal and tool without DOCKER_CONTEXT)';
}

/** An open terminal whose DOCKER_CONTEXT is not the one a new terminal gets; undefined: it has none of ours. */
export interface StaleTerminal {
  terminal: vscode.Terminal;
  startedWith: string | undefined;
}

export class TerminalEnvironment extends DisposableStore {
  private readonly launcherDir: string;
  private launcherMadeExecutable = false;
  /** The DOCKER_CONTEXT the collection gives a terminal starting now (undefined: none). */
  private dockerContext: string | undefined;
  /** What each open shell terminal started with (terminals open at activation: what the restored collection gave). */
  private readonly startedWith = new Map<vscode.Terminal, string | undefined>();

  constructor(
    private readonly collection: vscode.EnvironmentVariableCollection,
    private readonly model: ContextsModel,
    private readonly settings: Settings,
    private readonly files: TerminalGuardFiles,
  ) {
    super();
    this.launcherDir = path.join(files.extensionPath, 'media', 'shim');
    this.register(model.onDidChange(() => this.update()));
    this.register(
      settings.onDidChange((affects) => (affects('guard') || affects('terminalGuard') || affects('tiers') || affects('productionPatterns')) && this.update()),
    );
    this.update();
    for (const terminal of vscode.window.terminals) this.track(terminal);
    this.register(vscode.window.onDidOpenTerminal((terminal) => this.track(terminal)));
    this.register(vscode.window.onDidCloseTerminal((terminal) => this.startedWith.delete(terminal)));
  }

  /** Shells only: an extension's pseudo-terminal (a container log) runs no docker. */
  private track(terminal: vscode.Terminal): void {
    if (!('pty' in terminal.creationOptions)) this.startedWith.set(terminal, this.dockerContext);
  }

  /** The open terminals where docker does not go where this window now sends it. */
  staleTerminals(): StaleTerminal[] {
    return [...this.startedWith].filter(([, startedWith]) => startedWith !== this.dockerContext).map(([terminal, startedWith]) => ({ terminal, startedWith }));
  }

  /**
   * Relaunches each terminal in its tab with the environment of now (what VS Code's stale-terminal
   * indicator offers); resolves with those it could not make active first, and left alone.
   */
  async relaunch(terminals: readonly vscode.Terminal[]): Promise<vscode.Terminal[]> {
    const skipped: vscode.Terminal[] = [];
    for (const terminal of terminals) {
      // The command relaunches the active terminal: never another one than this.
      if (!(await madeActive(terminal))) {
        skipped.push(terminal);
        continue;
      }
      await vscode.commands.executeCommand('workbench.action.terminal.relaunch');
      this.startedWith.set(terminal, this.dockerContext);
    }
    return skipped;
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
    this.dockerContext = windowContext;
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
      collection.replace(sharedEnv.stateDir, this.files.stateDir);
      collection.replace(sharedEnv.gatewayDir, this.files.gatewayDir);
    } else {
      for (const name of ['PATH', sharedEnv.shimDirs, sharedEnv.node, sharedEnv.auditLog, sharedEnv.stateDir, sharedEnv.gatewayDir]) collection.delete(name);
    }
    collection.description =
      [
        windowContext ? `Docker context "${windowContext}" for this window (DOCKER_CONTEXT)` : '',
        guarded ? 'a guarding docker first on PATH, through the engine gateway (Docker Context Guard)' : '',
      ]
        .filter(Boolean)
        .join('; ') || 'Docker Context Guard tier rules for the CLI';
  }
}

/** Shows `terminal` and resolves once VS Code has made it the active one (false if it did not within 2 s). */
function madeActive(terminal: vscode.Terminal): Promise<boolean> {
  if (vscode.window.activeTerminal === terminal) return Promise.resolve(true);
  return new Promise((resolve) => {
    const settle = (active: boolean) => {
      clearTimeout(timer);
      listener.dispose();
      resolve(active);
    };
    const timer = setTimeout(() => settle(false), 2000);
    const listener = vscode.window.onDidChangeActiveTerminal((active) => active === terminal && settle(true));
    terminal.show(true);
  });
}
