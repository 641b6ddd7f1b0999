/**
 * Read-only JSON documents for "Inspect" and "Inspect Certificates": a content provider for our
 * own URI scheme, so the editor shows the stored meta.json (or certificate details) as VS Code shows any JSON, but nobody can edit it there.
 */
import * as vscode from 'vscode';
import type { ContextStore } from '../core/contexts/contextStore';
import type { CertificateStatus } from './certificateStatus';

export const inspectScheme = 'docker-context-guard';

export function inspectUri(contextName: string): vscode.Uri {
  return vscode.Uri.from({ scheme: inspectScheme, path: `/contexts/${encodeURIComponent(contextName)}.json` });
}

export function certificatesUri(contextName: string): vscode.Uri {
  return vscode.Uri.from({ scheme: inspectScheme, path: `/certificates/${encodeURIComponent(contextName)}.json` });
}

export function registerInspectDocuments(store: ContextStore, certificates: CertificateStatus): vscode.Disposable {
  const provider: vscode.TextDocumentContentProvider = {
    async provideTextDocumentContent(uri) {
      const [, kind, encoded] = /^\/(contexts|certificates)\/(.*)\.json$/.exec(uri.path) ?? [];
      const name = decodeURIComponent(encoded ?? '');
      if (kind === 'certificates') return `${JSON.stringify(certificates.of(name) ?? { error: `no certificates known for "${name}"` }, null, 2)}\n`;
      const meta = await store.readMeta(name);
      return `${JSON.stringify({ meta, storage: { metaFile: store.metaFileOf(name), tlsDir: store.tlsDirOf(name) } }, null, 2)}\n`;
    },
  };
  return vscode.workspace.registerTextDocumentContentProvider(inspectScheme, provider);
}
