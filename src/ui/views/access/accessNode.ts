/**
 * "Access" below a TLS or SSH context: whether the engine enforces access (the authorization
 * plugins its `docker info` names) and the role our certificate has there; below it, every
 * certificate the context's CA issued here (the ledger). Over SSH requests reach dockerd's unix
 * socket with no certificate: the plugin gives them its anonymous role, and the node says so.
 */
import * as vscode from 'vscode';

import { ledgerOrder } from '../../../core/access/accessLedger';
import type { ListedContext } from '../../../core/contexts/contextList';
import { markdownText, showControls } from '../../../core/text/foreignText';
import type { AccessState, EngineAccess } from '../../state/accessState';
import type { BrowseNode } from '../browse/browseNode';
import { MessageNode } from '../browse/messageNode';
import { AccessCertificateNode } from './accessCertificateNode';

/** The node's description: what the engine enforces, and who we are there. */
export function accessSummary(context: Pick<ListedContext, 'transport'>, access: EngineAccess | undefined): string {
  if (!access) return 'asking the engine…';
  if (access.error) return 'engine not reachable';
  if (access.plugins.length === 0) return 'not enforced by the engine';
  const enforced = `enforced (${access.plugins.join(', ')})`;
  if (context.transport === 'ssh') return `${enforced} · anonymous over SSH`;
  return `${enforced} · you: ${access.ownRole ?? 'default role'}`;
}

export class AccessNode implements BrowseNode {
  constructor(
    readonly context: ListedContext,
    private readonly access: AccessState,
  ) {}

  treeItem(): vscode.TreeItem {
    const known = this.access.engineAccessOf(this.context);
    const item = new vscode.TreeItem('Access', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `access:${this.context.name}`;
    const enforced = (known?.plugins.length ?? 0) > 0;
    item.description = accessSummary(this.context, known);
    item.iconPath = new vscode.ThemeIcon(enforced ? 'shield' : 'unlock', enforced ? undefined : new vscode.ThemeColor('charts.yellow'));
    item.contextValue = `accessGroup ${enforced ? 'enforced' : 'open'}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**Access** — ${markdownText(item.description)}\n\n`);
    if (known?.error) tooltip.appendMarkdown(`$(debug-disconnect) ${markdownText(known.error)}\n\n`);
    if (known?.sinceReload)
      tooltip.appendMarkdown("$(info) Enabled here by a live reload: `docker info` lists the plugin only after dockerd's next start.\n\n");
    if (known && !known.error && !enforced)
      tooltip.appendMarkdown(
        '$(warning) Every certificate of its CA may do everything there: Enforce Access on Engine… makes the engine judge each by its role.\n\n',
      );
    if (this.context.transport === 'ssh')
      tooltip.appendMarkdown(
        "$(warning) SSH contexts reach dockerd's unix socket, with no certificate: an engine that enforces access gives them its policy's anonymous role.\n\n",
      );
    item.tooltip = tooltip;
    item.accessibilityInformation = { label: showControls(`Access, ${item.description}`) };
    return item;
  }

  async children(): Promise<BrowseNode[]> {
    const ca = this.access.caOf(this.context);
    const entries = ledgerOrder(this.access.ledgerOf(this.context));
    if (!ca || entries.length === 0) {
      const none =
        this.context.transport === 'ssh'
          ? 'Certificates are issued from a TLS context of this engine'
          : 'No certificates issued here: Grant Access… issues one';
      return [new MessageNode(this.context, none, new vscode.ThemeIcon('info'))];
    }
    return entries.map((entry) => new AccessCertificateNode(this.context, ca, entry));
  }
}
