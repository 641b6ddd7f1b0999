/**
 * The status-bar environment indicator: which engine docker talks to from this window, and how
 * dangerous it is. Red for production or an insecure endpoint, yellow for staging, and the tier in
 * its text and accessible label whatever the colour; a click (or Enter) opens the switcher. Created once and updated in place on every model change.
 */
import * as vscode from 'vscode';
import type { ContextList } from '../../core/contexts/contextList';
import { DisposableStore } from '../../core/lifecycle';
import type { CertificateStatus } from '../state/certificateStatus';
import { allNotes, appendCertificates, appendHealth, contextNotes, contextTooltip, currentContextNote, insecureNote, isInsecure } from './contextPresentation';
import { switchReach } from '../state/terminalEnvironment';
import type { ContextsModel } from '../state/contextsModel';
import type { Engines } from '../state/engines';
import type { Settings } from '../state/settings';
import { labelText, showControls } from '../../core/text/foreignText';

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

  constructor(
    private readonly model: ContextsModel,
    private readonly settings: Settings,
    private readonly engines: Engines,
    private readonly certificates: CertificateStatus,
  ) {
    super();
    this.item = this.register(vscode.window.createStatusBarItem(statusBarItemId, vscode.StatusBarAlignment.Left, 1000));
    this.item.name = 'Docker Context';
    this.item.command = 'dockerContextGuard.switchContext';
    this.register(model.onDidChange((list) => this.update(list)));
    this.register(settings.onDidChange((affects) => affects('statusBar.enabled') && this.update(model.list)));
    this.register(engines.onDidChangeHealth(() => this.update(model.list)));
    this.register(certificates.onDidChange(() => this.update(model.list)));
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
    if (!list || !current || !this.settings.statusBarEnabled()) {
      this.item.hide();
      this.visible = false;
      return;
    }
    const danger = current.tier === 'production' || isInsecure(current) || current.error !== null;
    const icon = current.error ? 'error' : isInsecure(current) ? 'unlock' : current.tier === 'production' ? 'flame' : 'server-environment';
    const windowOnly = this.model.windowContext === current.name ? ' (window)' : '';
    this.item.text = `$(${icon}) ${labelText(current.name)} · ${[current.tier, insecureNote(current)].filter(Boolean).join(' · ')}${windowOnly}`;
    const background = danger ? 'statusBarItem.errorBackground' : current.tier === 'staging' ? 'statusBarItem.warningBackground' : undefined;
    this.item.backgroundColor = background ? new vscode.ThemeColor(background) : undefined;
    const certificates = this.certificates.of(current.name);
    const health = this.engines.healthOf(current.name);
    const notes = contextNotes(current, health, certificates);
    const tooltip = contextTooltip(current, currentContextNote(list, this.model.windowContext), notes);
    appendCertificates(tooltip, certificates);
    appendHealth(tooltip, health);
    const reach = switchReach(this.settings.switchScope());
    tooltip.appendMarkdown(`Scope: ${reach} · click to switch`);
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
