/**
 * The status-bar environment indicator: which engine docker talks to from this window, and how
 * dangerous it is. Red for production or an insecure endpoint, yellow for staging, and the tier in
 * its text and accessible label whatever the colour; a click (or Enter) opens the switcher. Created once and updated in place on every model change.
 * A production context says "read-only" when it is; with write access open (an elevation) it
 * counts down to the end ("writable 14:32"), and its tooltip offers to elevate or to end.
 * While changes are allowed without asking (the engine gateway's "Allow changes on CONTEXT for N
 * minutes") it counts that down too ("changes allowed 9:58"), and the tooltip names every context allowed.
 */
import * as vscode from 'vscode';

import type { ContextList } from '../../core/contexts/contextList';
import { DisposableStore } from '../../core/lifecycle';
import { labelText, markdownText, showControls } from '../../core/text/foreignText';
import type { CertificateStatus } from '../state/certificateStatus';
import type { ContextsModel } from '../state/contextsModel';
import type { ElevationState } from '../state/elevationState';
import type { Engines } from '../state/engines';
import type { GatewayAllowances } from '../state/gatewayAllowances';
import type { Settings } from '../state/settings';
import { switchReach } from '../state/terminalEnvironment';
import {
  accessNote,
  allNotes,
  appendCertificates,
  appendHealth,
  contextNotes,
  contextTooltip,
  currentContextNote,
  insecureNote,
  isInsecure,
} from './contextPresentation';

export const statusBarItemId = 'dockerContextGuard.environment';

/** What the indicator shows, readable by tests through the extension's API. */
export interface IndicatorState {
  visible: boolean;
  text: string;
  /** The theme colour id of the background, or undefined for the default. */
  background: string | undefined;
  tooltip: string;
  accessibilityLabel: string;
}

export class StatusBarIndicator extends DisposableStore {
  private readonly item: vscode.StatusBarItem;
  private visible = false;
  private countdown: NodeJS.Timeout | undefined;

  constructor(
    private readonly model: ContextsModel,
    private readonly settings: Settings,
    private readonly engines: Engines,
    private readonly certificates: CertificateStatus,
    private readonly elevations: ElevationState,
    private readonly allowances: GatewayAllowances,
  ) {
    super();
    this.item = this.register(vscode.window.createStatusBarItem(statusBarItemId, vscode.StatusBarAlignment.Left, 1000));
    this.item.name = 'Docker Context';
    this.item.command = 'dockerContextGuard.switchContext';
    this.register(model.onDidChange((list) => this.update(list)));
    this.register(settings.onDidChange((affects) => affects('statusBar.enabled') && this.update(model.list)));
    this.register(engines.onDidChangeHealth(() => this.update(model.list)));
    this.register(certificates.onDidChange(() => this.update(model.list)));
    this.register(elevations.onDidChange(() => this.update(model.list)));
    this.register(allowances.onDidChange(() => this.update(model.list)));
    this.register({ dispose: () => clearInterval(this.countdown) });
    this.update(model.list);
  }

  get state(): IndicatorState {
    const tooltip = this.item.tooltip;
    return {
      visible: this.visible,
      text: this.item.text,
      background: (this.item.backgroundColor as { id?: string } | undefined)?.id,
      tooltip: typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? ''),
      accessibilityLabel: this.item.accessibilityInformation?.label ?? '',
    };
  }

  private update(list: ContextList | undefined): void {
    const current = list?.contexts.find((context) => context.current);
    const elevation = current && this.elevations.of(current);
    const allowance = current && this.allowances.of(current);
    // A countdown ticks only while write access is open or changes are allowed.
    const counting = elevation ?? allowance;
    if (counting && !this.countdown) this.countdown = setInterval(() => this.update(this.model.list), 1000);
    if (!counting && this.countdown) {
      clearInterval(this.countdown);
      this.countdown = undefined;
    }
    if (!list || !current || !this.settings.statusBarEnabled()) {
      this.item.hide();
      this.visible = false;
      return;
    }
    const danger = current.tier === 'production' || isInsecure(current) || current.error !== null;
    const icon = current.error ? 'error' : isInsecure(current) ? 'unlock' : current.tier === 'production' ? 'flame' : 'server-environment';
    const windowOnly = this.model.windowContext === current.name ? ' (window)' : '';
    const readOnly = current.tier === 'production' && this.settings.guardSettings().production === 'readOnly';
    const access = elevation ? `writable ${remaining(elevation.until)}` : readOnly ? 'read-only' : '';
    const allowed = allowance ? `changes allowed ${remaining(allowance.until)}` : '';
    this.item.text = `$(${elevation ? 'unlock' : icon}) ${labelText(current.name)} · ${[current.tier, insecureNote(current), access, allowed].filter(Boolean).join(' · ')}${windowOnly}`;
    const background = danger ? 'statusBarItem.errorBackground' : current.tier === 'staging' ? 'statusBarItem.warningBackground' : undefined;
    this.item.backgroundColor = background ? new vscode.ThemeColor(background) : undefined;
    const certificates = this.certificates.of(current.name);
    const health = this.engines.healthOf(current.name);
    const notes = contextNotes(current, health, certificates, accessNote(current, this.settings.guardSettings().production, elevation));
    const tooltip = contextTooltip(current, currentContextNote(list, this.model.windowContext), notes);
    appendCertificates(tooltip, certificates);
    appendHealth(tooltip, health);
    const reach = switchReach(this.settings.switchScope());
    tooltip.appendMarkdown(`Scope: ${reach} · click to switch`);
    if (elevation)
      tooltip.appendMarkdown(
        `\n\nWrite access open until ${new Date(elevation.until).toLocaleTimeString()}: ${markdownText(elevation.reason)} · [End Write Access](command:dockerContextGuard.endElevation)`,
      );
    else if (readOnly) tooltip.appendMarkdown('\n\nRead-only: changes are refused · [Elevate Write Access…](command:dockerContextGuard.elevateWriteAccess)');
    const allowedNow = this.allowances.open;
    if (allowedNow.length > 0)
      tooltip.appendMarkdown(
        `\n\nChanges allowed without asking (engine gateway, this window): ${allowedNow
          .map((open) => `${markdownText(open.context)} until ${new Date(open.until).toLocaleTimeString()}`)
          .join(', ')}`,
      );
    tooltip.isTrusted = { enabledCommands: ['dockerContextGuard.endElevation', 'dockerContextGuard.elevateWriteAccess'] };
    this.item.tooltip = tooltip;
    // Read on focus (F6 reaches the status bar, Enter switches): all the tooltip's first line and the colour say.
    this.item.accessibilityInformation = {
      label: `Docker context ${showControls(current.name)}: ${allNotes(notes, ', ')}; switching changes ${reach}. Press Enter to switch.`,
      role: 'button',
    };
    this.item.show();
    this.visible = true;
  }
}

/** `14:32` (minutes and seconds) or `1:02:03` left until `until`. */
function remaining(until: string | number): string {
  const seconds = Math.max(0, Math.round((new Date(until).getTime() - Date.now()) / 1000));
  const [h, m, sec] = [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60];
  const pad = (value: number) => String(value).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(sec)}` : `${m}:${pad(sec)}`;
}
