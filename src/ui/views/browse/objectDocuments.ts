/**
 * Read-only JSON documents for "Inspect" on a container, image, volume or network: the same
 * approach as the context documents of ../inspectDocuments.ts (a content provider for a scheme
 * of ours, so nobody edits the JSON in place), on a sibling scheme because the content comes
 * from an engine. Each open document remembers the node it shows; inspecting again re-reads it.
 */
import * as vscode from 'vscode';

import { DisposableStore } from '../../../core/lifecycle';
import type { Engines } from '../../state/engines';
import type { Settings } from '../../state/settings';
import { engineFailure } from './engineFailure';
import type { ObjectNode } from './objectNode';

const objectScheme = 'docker-context-guard-object';

export class ObjectDocuments extends DisposableStore implements vscode.TextDocumentContentProvider {
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  /** What each open document shows, by URI; forgotten when the document closes. */
  private readonly shown = new Map<string, ObjectNode>();

  constructor(
    private readonly engines: Engines,
    private readonly settings: Settings,
  ) {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(objectScheme, this));
    this.register(vscode.workspace.onDidCloseTextDocument((document) => this.shown.delete(document.uri.toString())));
  }

  async show(node: ObjectNode): Promise<void> {
    // The path names it for the editor's tab; the query (the engine's reference) keeps two networks of one name apart.
    const uri = vscode.Uri.from({ scheme: objectScheme, path: `/${node.context.name}/${node.kind.id}s/${node.object.name}.json`, query: node.object.ref });
    const key = uri.toString();
    const alreadyOpen = this.shown.has(key);
    this.shown.set(key, node);
    if (alreadyOpen) this.changed.fire(uri);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const node = this.shown.get(uri.toString());
    if (!node) throw new Error(`${uri.path.slice(1)} is no longer open: inspect it again from the Contexts view.`);
    try {
      const { api } = await this.engines.client(node.context);
      return `${JSON.stringify(await node.kind.inspect(api, node.object), null, 2)}\n`;
    } catch (error) {
      throw engineFailure(error, node.context, this.settings);
    }
  }
}
