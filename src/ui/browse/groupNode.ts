/**
 * "Containers", "Images", "Volumes", "Networks" below a context. Its list is loaded when the
 * group is expanded, never before; a failure becomes a message node, so expanding never throws.
 */
import * as vscode from 'vscode';
import type { ListedContext } from '../../core/contexts/contextList';
import { EngineError } from '../../core/engine/engineErrors';
import type { BrowseNode } from './browseNode';
import { MessageNode } from './messageNode';
import type { EngineObject, ObjectKind } from './objectKind';
import { ObjectNode } from './objectNode';

export class GroupNode implements BrowseNode {
  constructor(
    readonly context: ListedContext,
    readonly kind: ObjectKind,
    /** Resolves to the kind's objects, or rejects with an EngineError. */
    private readonly load: () => Promise<EngineObject[]>,
  ) {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.kind.group.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `engine:${this.context.name}:${this.kind.id}s`;
    item.iconPath = this.kind.group.icon;
    item.contextValue = `engineGroup ${this.kind.id}s`;
    return item;
  }

  async children(): Promise<BrowseNode[]> {
    try {
      const objects = await this.load();
      if (objects.length === 0) return [new MessageNode(this.context, `No ${this.kind.group.label.toLowerCase()}`, new vscode.ThemeIcon('info'))];
      return objects.map((object) => new ObjectNode(this.context, this.kind, object));
    } catch (error) {
      if (error instanceof EngineError) return [MessageNode.forError(this.context, error)];
      throw error;
    }
  }
}
