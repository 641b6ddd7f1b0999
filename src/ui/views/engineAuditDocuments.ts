/**
 * The read-only documents of "Engine Audit": their text is set by the command when it has read
 * the engine's record (over SSH), and served by a content provider of their own scheme, so the
 * editor shows it as any JSON-lines file but nobody can edit or save it there.
 */
import * as vscode from 'vscode';

export const engineAuditScheme = 'docker-context-guard-engine-audit';

export class EngineAuditDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(engineAuditScheme, this);

  /** Opens (or refreshes) the document of `sshContext` with `text`. */
  async show(sshContext: string, text: string): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme: engineAuditScheme, path: `/${encodeURIComponent(sshContext)}.jsonl` });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true });
    return document;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
