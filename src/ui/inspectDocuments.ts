/**
 * Read-only JSON documents for "Inspect": a content provider for our own URI scheme, so the
 * editor shows the stored meta.json as VS Code shows any JSON, but nobody can edit it there.
 */
import * as vscode from 'vscode';
import type { ContextStore } from '../core/contexts/contextStore';

export const inspectScheme = 'docker-context-guard';

export function inspectUri(contextName: string): vscode.Uri {
  return vscode.Uri.from({ scheme: inspectScheme, path: `/contexts/${encodeURIComponent(contextName)}.json` });
}

export function registerInspectDocuments(store: ContextStore): vscode.Disposable {
  const provider: vscode.TextDocumentContentProvider = {
    async provideTextDocumentContent(uri) {
      const name = decodeURIComponent(/^\/contexts\/(.*)\.json$/.exec(uri.path)?.[1] ?? '');
      const meta = await store.readMeta(name);
      return `${JSON.stringify({ meta, storage: { metaFile: store.metaFileOf(name), tlsDir: store.tlsDirOf(name) } }, null, 2)}\n`;
    },
  };
  return vscode.workspace.registerTextDocumentContentProvider(inspectScheme, provider);
}
