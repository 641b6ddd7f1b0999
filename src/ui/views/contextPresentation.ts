/**
 * How a context looks wherever the UI shows it: its codicon and colour, its tier badge, and its
 * Markdown tooltip. One place, so the tree, the status bar and the switcher never disagree.
 * Whatever a store or an engine wrote goes through markdownText (foreignText.ts): it cannot add a
 * line, a row, a link or an icon to a tooltip.
 *
 * Colour is never the only sign: the words of contextNotes (tier, plain TCP, current, health…)
 * are what a row says after its name, what its tooltip's first line and its accessible label say.
 */
import * as vscode from 'vscode';

import { redactCredentials } from '../../core/audit/redact';
import { keyLabel } from '../../core/certificates/keyDetails';
import type { ContextList, ListedContext } from '../../core/contexts/contextList';
import { securityFindings } from '../../core/contexts/securityFindings';
import { resolveTier, type Tier, type TierRules } from '../../core/contexts/tiers';
import type { Elevation } from '../../core/guard/elevations';
import type { ProductionMode } from '../../core/guard/guardPolicy';
import { markdownText } from '../../core/text/foreignText';
import { relativeDays } from '../../core/text/relativeDays';
import type { ContextCertificates } from '../state/certificateStatus';
import type { HealthState } from '../state/engines';
import { isInsecure } from './contextConditions';

const transportIcons: Record<string, string> = { unix: 'vm', npipe: 'vm', ssh: 'remote', tls: 'lock', tcp: 'unlock' };

const transportNames: Record<string, string> = {
  unix: 'unix socket',
  npipe: 'named pipe',
  ssh: 'SSH',
  tls: 'TCP with TLS',
  tcp: 'plain TCP (unencrypted)',
};

export const tierBadges: Record<Tier, string> = {
  production: '$(flame) production',
  staging: '$(beaker) staging',
  development: '$(tools) development',
  local: '$(home) local',
};

/** Production by the tier it shows (workspace settings included) or by the user's own rules, which a workspace cannot lower. */
export function productionByAnyRules(context: ListedContext, userRules: TierRules): boolean {
  return context.tier === 'production' || resolveTier(context, userRules).tier === 'production';
}

/** Decided with the menus' conditions (contextConditions.ts); shown from here. */
export { isInsecure };

export function contextIcon(context: ListedContext): vscode.ThemeIcon {
  if (context.error) return new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  const danger = context.tier === 'production' || isInsecure(context);
  const color = danger ? 'charts.red' : context.tier === 'staging' ? 'charts.yellow' : context.current ? 'charts.green' : undefined;
  const id = context.current
    ? 'pass-filled'
    : isInsecure(context)
      ? 'unlock'
      : context.tier === 'production'
        ? 'flame'
        : (transportIcons[context.transport ?? ''] ?? 'question');
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}

/** An insecure transport in words: what the red colour and the open lock mean. */
export function insecureNote(context: ListedContext): string {
  if (context.transport === 'tcp') return 'plain TCP';
  return context.skipTLSVerify ? 'TLS not verified' : '';
}

/**
 * What a context's row says after its name, most telling first: `shown` never leaves the row
 * (the tier, an insecure transport, current, in error), `more` shows while it fits.
 */
export interface ContextNotes {
  shown: string[];
  more: string[];
}

/**
 * Whether changes reach the context: `read-only` (production under guard.production readOnly),
 * `writable until 14:45` (an elevation is open), or nothing. The sidebar marks what would be
 * refused instead of hiding it.
 */
export function accessNote(context: ListedContext, production: ProductionMode, elevation: Pick<Elevation, 'until'> | undefined): string {
  if (elevation) return `writable until ${new Date(elevation.until).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
  return context.tier === 'production' && production === 'readOnly' ? 'read-only' : '';
}

export function contextNotes(context: ListedContext, health: HealthState, certificates: ContextCertificates | undefined, access = ''): ContextNotes {
  return {
    shown: [context.tier, access, insecureNote(context), context.current ? 'current' : '', context.error ? 'error' : ''].filter(Boolean),
    more: [certificateLabel(certificates), healthLabel(health)].filter(Boolean),
  };
}

/** The notes in one line, for a tooltip's first line and the status bar's accessible label. */
export function allNotes(notes: ContextNotes, separator: string): string {
  return [...notes.shown, ...notes.more].join(separator);
}

/**
 * About the characters of name and description a row shows at the default sidebar width (300 px)
 * before VS Code cuts the description off; what does not fit is in the tooltip's first line.
 */
export const rowCharacters = 40;

/** A row's description: its notes, then its endpoint (or error), as many as fit beside `label`. */
export function rowDescription(label: string, notes: ContextNotes, tail: string): string {
  const parts = [...notes.shown];
  for (const part of [...notes.more, tail].filter(Boolean)) {
    parts.push(part);
    if (label.length + 1 + parts.join(' · ').length > rowCharacters) parts.pop();
  }
  return parts.join(' · ');
}

export function contextTooltip(context: ListedContext, currentNote: string | undefined, notes: ContextNotes): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(undefined, true);
  markdown.appendMarkdown(`**${markdownText(context.name)}** — ${markdownText(allNotes(notes, ' · '))}\n\n`);
  if (context.description) markdown.appendMarkdown(`${markdownText(context.description)}\n\n`);
  markdown.appendMarkdown(`| | |\n|---|---|\n`);
  markdown.appendMarkdown(`| Endpoint | ${context.host ? markdownText(redactCredentials(context.host)) : '—'} |\n`);
  markdown.appendMarkdown(`| Transport | ${transportNames[context.transport ?? ''] ?? '—'} |\n`);
  markdown.appendMarkdown(`| Tier | ${tierBadges[context.tier]} (from ${tierSourceNames[context.tierSource]}) |\n`);
  if (context.keysInSecretStorage) {
    markdown.appendMarkdown(`| TLS keys | $(key) in VS Code SecretStorage (not usable by the docker CLI until exported) |\n`);
  } else if (context.transport === 'tls') {
    const present = (['ca', 'cert', 'key'] as const).filter((file) => context.tls[file]);
    markdown.appendMarkdown(`| TLS files | ${present.length > 0 ? present.map((file) => `${file}.pem`).join(', ') : 'none'} |\n`);
  }
  markdown.appendMarkdown('\n');
  if (context.error) markdown.appendMarkdown(`$(error) ${markdownText(context.error)}\n\n`);
  for (const finding of securityFindings(context)) {
    markdown.appendMarkdown(`$(${finding.severity === 'danger' ? 'warning' : 'info'}) ${markdownText(finding.message)}\n\n`);
  }
  if (context.current && currentNote) markdown.appendMarkdown(`$(info) ${currentNote}\n\n`);
  return markdown;
}

/** Why the current context is current, when it is not simply config.json's choice. */
export function currentContextNote(list: ContextList, windowContext: string | undefined): string | undefined {
  switch (list.current.source) {
    case 'DOCKER_HOST':
      return "`DOCKER_HOST` is set in VS Code's environment: docker uses it and ignores contexts; switching here does not change that.";
    case 'DOCKER_CONTEXT':
      return windowContext === list.current.name
        ? "Chosen for this window only: the sidebar and terminals opened since get `DOCKER_CONTEXT`; terminals opened before keep the context they started with until relaunched, and other windows keep config.json's context."
        : "`DOCKER_CONTEXT` is set in VS Code's environment: it overrides config.json, so switching globally does not change it.";
    default:
      return undefined;
  }
}

const tierSourceNames = {
  metadata: 'the context',
  setting: 'settings',
  name: 'its name',
  transport: 'its transport',
} as const;

/** Short health for a tree description: latency, "checking…" or "unreachable". */
export function healthLabel(health: HealthState): string {
  if (health === undefined) return '';
  if (health === 'probing') return 'checking…';
  if (health.reachable) return `${health.latencyMs} ms`;
  return health.errorReason === 'keysBoundElsewhere' || health.errorReason === 'keysUnverified' ? 'keys not sent' : 'unreachable';
}

/** A field of an engine's `/version` answer, which may be anything JSON can hold, as Markdown text. */
function engineField(value: unknown): string {
  return markdownText(typeof value === 'string' ? value : (JSON.stringify(value) ?? '?'));
}

/** The engine's state, appended to a context's tooltip. */
export function appendHealth(tooltip: vscode.MarkdownString, health: HealthState): void {
  if (health === undefined || health === 'probing') return;
  if (health.reachable) {
    tooltip.appendMarkdown(
      `$(pass) Engine ${engineField(health.serverVersion)} (API ${engineField(health.apiVersion)}, ${engineField(health.os)}/${engineField(health.arch)}), ${health.latencyMs} ms\n\n`,
    );
  } else {
    tooltip.appendMarkdown(`$(debug-disconnect) ${markdownText(health.error ?? 'unreachable')}\n\n`);
  }
}

const withheldLabels = { keysBoundElsewhere: 'keys bound to another endpoint', keysUnverified: 'keys withheld: SkipTLSVerify' } as const;

/** Short certificate state for a tree description, when it needs attention. */
export function certificateLabel(certificates: ContextCertificates | undefined): string {
  if (!certificates) return '';
  if (certificates.expiry === 'expired') return `certificate expired ${certificates.expiresIn}`;
  if (certificates.expiry === 'soon') return `certificate expires ${certificates.expiresIn}`;
  if (certificates.withheld) return withheldLabels[certificates.withheld];
  return certificates.error ? 'certificates unreadable' : '';
}

/** The client certificate and CA of a TLS context, appended to its tooltip. */
export function appendCertificates(tooltip: vscode.MarkdownString, certificates: ContextCertificates | undefined): void {
  if (!certificates) return;
  if (certificates.error)
    tooltip.appendMarkdown(`$(warning) ${certificates.withheld ? 'Stored keys not used' : 'Certificates unreadable'}: ${markdownText(certificates.error)}\n\n`);
  for (const [label, details] of [
    ['Client certificate', certificates.client],
    ['CA', certificates.ca],
  ] as const) {
    if (!details) continue;
    const icon = Date.parse(details.notAfter) < Date.now() ? '$(error)' : '$(verified)';
    const ends = Date.parse(details.notAfter) < Date.now() ? 'expired' : 'expires';
    tooltip.appendMarkdown(
      `${icon} ${label}: ${markdownText(details.subject)}, ${markdownText(keyLabel(details.key))}, ${ends} ${relativeDays(details.notAfter)} (${markdownText(details.notAfter.slice(0, 10))})\n\n`,
    );
  }
}
