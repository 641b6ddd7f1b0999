/**
 * Read-only documents for "Inspect", "Inspect Certificates" and "Show Audit Log": a content
 * provider for our own URI scheme, so the editor shows the stored meta.json, certificate details
 * or the audit log's lines as VS Code shows any JSON, but nobody can edit them there (the audit
 * log's file itself is never opened in an editor: a stray keystroke would rewrite the trail).
 */
import { readFile } from 'node:fs/promises';

import * as vscode from 'vscode';

import type { AuditLog } from '../../core/audit/auditLog';
import type { CertificateStatus } from '../state/certificateStatus';
import type { ContextsModel } from '../state/contextsModel';

export const inspectScheme = 'docker-context-guard';

export function inspectUri(contextName: string): vscode.Uri {
  return vscode.Uri.from({ scheme: inspectScheme, path: `/contexts/${encodeURIComponent(contextName)}.json` });
}

export function certificatesUri(contextName: string): vscode.Uri {
  return vscode.Uri.from({ scheme: inspectScheme, path: `/certificates/${encodeURIComponent(contextName)}.json` });
}

/** The audit log, as a read-only document (its newest lines at the end, as in the file). */
export const auditLogUri = vscode.Uri.from({ scheme: inspectScheme, path: '/audit/audit.jsonl' });

/** The audit log's lines of one elevation: its opening, extension, end or expiry, and every operation inside it. */
export function elevationAuditLogUri(elevationId: string): vscode.Uri {
  return auditLogUri.with({ query: new URLSearchParams({ elevation: elevationId }).toString() });
}

/** The lines of `text` (JSON lines) that name the elevation `id`. */
function linesOfElevation(text: string, id: string): string {
  const lines = text.split('\n').filter((line) => {
    try {
      return (JSON.parse(line) as { elevation?: { id?: unknown } }).elevation?.id === id;
    } catch {
      return false;
    }
  });
  return lines.length ? `${lines.join('\n')}\n` : '';
}

export function registerInspectDocuments(model: ContextsModel, certificates: CertificateStatus, auditLog: AuditLog): vscode.Disposable {
  const store = model.reader;
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: changed.event,
    async provideTextDocumentContent(uri) {
      if (uri.path === auditLogUri.path) {
        const text = await readFile(auditLog.file, 'utf8').catch(() => '');
        const elevation = new URLSearchParams(uri.query).get('elevation');
        return elevation ? linesOfElevation(text, elevation) : text;
      }
      const [, kind, encoded] = /^\/(contexts|certificates)\/(.*)\.json$/.exec(uri.path) ?? [];
      const name = decodeURIComponent(encoded ?? '');
      if (kind === 'certificates') return `${JSON.stringify(certificates.of(name) ?? { error: `no certificates known for "${name}"` }, null, 2)}\n`;
      const meta = await store.readMeta(name);
      return `${JSON.stringify({ meta, storage: { metaFile: store.metaFileOf(name), tlsDir: store.tlsDirOf(name) } }, null, 2)}\n`;
    },
  };
  const refreshOpen = () => {
    for (const document of vscode.workspace.textDocuments) {
      if (document.uri.scheme === inspectScheme && document.uri.path !== auditLogUri.path) changed.fire(document.uri);
    }
  };
  return vscode.Disposable.from(
    changed,
    model.onDidChange(refreshOpen),
    certificates.onDidChange(refreshOpen),
    vscode.workspace.registerTextDocumentContentProvider(inspectScheme, provider),
  );
}
