/**
 * One certificate of a context's Access node: who holds it (its CN), its role and when it ends in
 * words, or that it was revoked. Revoke (while it is valid) and Renew act on it from its inline
 * menu (contextValue `accessCertificate valid|revoked|expired`).
 */
import * as vscode from 'vscode';

import type { LedgerEntry } from '../../../core/access/accessLedger';
import type { ListedContext } from '../../../core/contexts/contextList';
import { markdownText, showControls } from '../../../core/text/foreignText';
import { relativeDays } from '../../../core/text/relativeDays';
import type { BrowseNode } from '../browse/browseNode';

export type CertificateState = 'valid' | 'revoked' | 'expired';

export function certificateState(entry: LedgerEntry, now = new Date()): CertificateState {
  if (entry.revokedAt) return 'revoked';
  return Date.parse(entry.notAfter) <= now.getTime() ? 'expired' : 'valid';
}

/** What the row says after the name: `operator · expires in 29 days`, `viewer · revoked`. */
export function certificateDescription(entry: LedgerEntry, now = new Date()): string {
  const state = certificateState(entry, now);
  const when = state === 'revoked' ? 'revoked' : `${state === 'expired' ? 'expired' : 'expires'} ${relativeDays(entry.notAfter, now)}`;
  return `${entry.role} · ${when}`;
}

const icons: Record<CertificateState, vscode.ThemeIcon> = {
  valid: new vscode.ThemeIcon('person'),
  revoked: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
  expired: new vscode.ThemeIcon('history', new vscode.ThemeColor('disabledForeground')),
};

export class AccessCertificateNode implements BrowseNode {
  constructor(
    readonly context: ListedContext,
    /** The fingerprint of the CA that issued it (its ledger's key). */
    readonly caFingerprint: string,
    readonly entry: LedgerEntry,
  ) {}

  treeItem(): vscode.TreeItem {
    const { entry } = this;
    const item = new vscode.TreeItem(showControls(entry.name), vscode.TreeItemCollapsibleState.None);
    item.id = `access:${this.context.name}:${entry.serial}`;
    const state = certificateState(entry);
    item.description = certificateDescription(entry);
    item.iconPath = icons[state];
    item.contextValue = `accessCertificate ${state}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${markdownText(entry.name)}** — ${markdownText(item.description)}\n\n`);
    tooltip.appendMarkdown(`| | |\n|---|---|\n`);
    tooltip.appendMarkdown(`| Role | ${markdownText(entry.role)} |\n| Serial | ${markdownText(entry.serial)} |\n`);
    tooltip.appendMarkdown(`| Issued | ${markdownText(entry.issuedAt.slice(0, 10))} |\n| Ends | ${markdownText(entry.notAfter.slice(0, 10))} |\n`);
    if (entry.revokedAt) tooltip.appendMarkdown(`| Revoked | ${markdownText(entry.revokedAt.slice(0, 10))} |\n`);
    if (entry.renewedBy) tooltip.appendMarkdown(`| Replaced by | ${markdownText(entry.renewedBy)} |\n`);
    item.tooltip = tooltip;
    item.accessibilityInformation = { label: showControls(`${entry.name}, ${item.description}`) };
    return item;
  }
}
