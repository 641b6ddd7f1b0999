/**
 * The "Contexts" tree: one item per Docker context, in the order `docker context ls` prints, the
 * current one marked by its icon and description; each row names its tier in words, and its
 * accessible label says all the row shows. It renders the model's last list and never
 * reads the disk or shows notifications itself; what the list cannot show as items (an
 * overriding environment variable, an unreadable config.json) goes in the view's message.
 */
import * as vscode from 'vscode';

import { redactCredentials } from '../../core/audit/redact';
import type { ContextList, ListedContext } from '../../core/contexts/contextList';
import { defaultContextName } from '../../core/contexts/contextNames';
import { anyGlobMatcher } from '../../core/contexts/globPattern';
import { DisposableStore } from '../../core/lifecycle';
import { showControls } from '../../core/text/foreignText';
import type { AccessState } from '../state/accessState';
import type { CertificateStatus } from '../state/certificateStatus';
import type { ContextsModel } from '../state/contextsModel';
import type { ElevationState } from '../state/elevationState';
import type { Engines } from '../state/engines';
import { HealthSchedule } from '../state/healthSchedule';
import type { Settings } from '../state/settings';
import { AccessNode } from './access/accessNode';
import { type BrowseNode, isBrowseNode } from './browse/browseNode';
import { contextFacts, contextValueOf } from './contextConditions';
import {
  accessNote,
  allNotes,
  appendCertificates,
  appendHealth,
  contextIcon,
  contextNotes,
  contextTooltip,
  currentContextNote,
  rowDescription,
} from './contextPresentation';

export const contextsViewId = 'dockerContextGuard.contexts';

/** Drives the view's welcome content (package.json `viewsWelcome`). */
type ViewState = 'loading' | 'noContexts' | 'noneVisible' | 'ready';

type TreeElement = ListedContext | BrowseNode;

/** The view's message when the docker CLI is missing (with no context to list, the welcome view says it). */
export const noDockerCliNote = 'Docker is not installed: there is no docker command on PATH, so terminals and scripts cannot use these contexts yet.';

/** What runs on a context's engine: the browse nodes below it (see browse/engineBrowser.ts). */
export interface EngineContents {
  nodesFor(context: ListedContext): Promise<BrowseNode[]>;
  /** Fires with the context whose contents changed (after an action), or undefined for all. */
  readonly onDidChange: vscode.Event<ListedContext | undefined>;
}

export class ContextsTree extends DisposableStore implements vscode.TreeDataProvider<TreeElement> {
  private readonly changed = this.register(new vscode.EventEmitter<TreeElement | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<TreeElement>;

  constructor(
    private readonly model: ContextsModel,
    private readonly settings: Settings,
    private readonly engines: Engines,
    private readonly contents: EngineContents,
    private readonly certificates: CertificateStatus,
    private readonly elevations: ElevationState,
    private readonly access: AccessState,
  ) {
    super();
    this.view = this.register(vscode.window.createTreeView(contextsViewId, { treeDataProvider: this, showCollapseAll: true, canSelectMany: true }));
    this.register(model.onDidChange(() => this.render()));
    this.register(settings.onDidChange((affects) => affects('visibleContexts') && this.render()));
    this.register(engines.onDidChangeHealth(() => this.changed.fire(undefined)));
    this.register(certificates.onDidChange(() => this.changed.fire(undefined)));
    this.register(elevations.onDidChange(() => this.changed.fire(undefined)));
    this.register(access.onDidChange(() => this.changed.fire(undefined)));
    this.register(contents.onDidChange((context) => this.changed.fire(context && this.visibleContexts(this.model.list).find((c) => c.name === context.name))));
    this.register(new HealthSchedule(this.view, model, settings, engines, () => this.visibleContexts(this.model.list)));
    this.render();
  }

  getTreeItem(element: TreeElement): vscode.TreeItem {
    if (isBrowseNode(element)) return element.treeItem();
    const context = element;
    const health = this.engines.healthOf(context.name);
    const collapsible = context.error ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed;
    const label = showControls(context.name);
    const item = new vscode.TreeItem(label, collapsible);
    item.id = `context:${context.name}`;
    const certificates = this.certificates.of(context.name);
    const notes = contextNotes(context, health, certificates, accessNote(context, this.settings.guardSettings().production, this.elevations.of(context)));
    item.description = rowDescription(label, notes, showControls(context.error ?? redactCredentials(context.host ?? '')));
    item.iconPath = certificates?.expiry === 'expired' ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')) : contextIcon(context);
    // The note only speaks of the current context (see contextTooltip).
    item.tooltip = contextTooltip(
      context,
      context.current && this.model.list ? currentContextNote(this.model.list, this.model.windowContext) : undefined,
      notes,
    );
    appendCertificates(item.tooltip, certificates);
    appendHealth(item.tooltip, health);
    item.contextValue = contextValueOf(contextFacts(context, certificates));
    item.accessibilityInformation = {
      label: showControls(`${context.name}, ${allNotes(notes, ', ')}${context.error ? `: ${context.error}` : ''}`),
    };
    return item;
  }

  async getChildren(element?: TreeElement): Promise<TreeElement[]> {
    if (!element) return this.visibleContexts(this.model.list);
    if (isBrowseNode(element)) return (await element.children?.()) ?? [];
    const contents = await this.contents.nodesFor(element);
    return this.showsAccess(element) ? [...contents, new AccessNode(element, this.access)] : contents;
  }

  /**
   * An Access node below a TLS context whose CA issued certificates here (its key held, or a
   * ledger), even while its engine does not answer; below any other TLS or SSH context once its
   * engine answered that it enforces access (asked when the context is expanded).
   */
  private showsAccess(context: ListedContext): boolean {
    if (context.transport !== 'tls' && context.transport !== 'ssh') return false;
    if (this.certificates.of(context.name)?.caKeyHeld === true || this.access.ledgerOf(context).length > 0) return true;
    const health = this.engines.healthOf(context.name);
    return typeof health === 'object' && health.reachable && (this.access.engineAccessOf(context)?.plugins.length ?? 0) > 0;
  }

  private visibleContexts(list: ContextList | undefined): ListedContext[] {
    if (!list) return [];
    if (list.contexts.every((context) => context.name === defaultContextName)) return [];
    const globs = this.settings.visibleContexts();
    if (globs.length === 0) return list.contexts;
    const visible = anyGlobMatcher(globs);
    return list.contexts.filter((context) => context.current || visible(context.name));
  }

  private render(): void {
    const list = this.model.list;
    const visible = this.visibleContexts(list);
    const state: ViewState = !list ? 'loading' : visible.length > 0 ? 'ready' : list.contexts.length > 1 ? 'noneVisible' : 'noContexts';
    void vscode.commands.executeCommand('setContext', 'dockerContextGuard.state', state);
    const dockerCliMissing = list !== undefined && this.model.dockerCliPath === undefined;
    void vscode.commands.executeCommand('setContext', 'dockerContextGuard.dockerCliMissing', dockerCliMissing);
    const notes = [
      list?.configError,
      list ? currentContextNote(list, this.model.windowContext) : undefined,
      dockerCliMissing && state !== 'noContexts' ? noDockerCliNote : undefined,
    ].filter(Boolean);
    this.view.message = notes.length > 0 ? showControls(notes.join(' ')) : undefined;
    const current = list?.contexts.find((context) => context.current);
    this.view.description = current ? showControls(current.name) : undefined;
    this.changed.fire(undefined);
  }
}
