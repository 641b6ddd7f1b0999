/**
 * "Containers", "Images", "Volumes", "Networks" below a context. Its list is loaded when the
 * group is expanded, never before; a failure becomes a message node, so expanding never throws.
 */
import * as vscode from 'vscode';

import type { ListedContext } from '../../../core/contexts/contextList';
import { ListingStopped } from '../../../core/engine/boundedListing';
import { EngineError } from '../../../core/engine/engineErrors';
import type { BrowseNode } from './browseNode';
import { MessageNode } from './messageNode';
import type { EngineObject, ObjectKind } from './objectKind';
import type { Listing } from './objectLists';
import { ObjectNode } from './objectNode';

export class GroupNode implements BrowseNode {
  constructor(
    readonly context: ListedContext,
    readonly kind: ObjectKind,
    /** Resolves to the kind's objects, or rejects with an EngineError or a ListingStopped. */
    private readonly load: () => Promise<Listing>,
    /** What an action is doing to an object right now ("Stopping"), if anything. */
    private readonly doing: (object: EngineObject) => string | undefined,
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
      const { objects, total } = await this.load();
      const plural = this.kind.group.label.toLowerCase();
      if (objects.length === 0) return [new MessageNode(this.context, `No ${plural}`, new vscode.ThemeIcon('info'))];
      const nodes: BrowseNode[] = objects.map((object) => new ObjectNode(this.context, this.kind, object, this.doing(object)));
      if (total > objects.length)
        nodes.unshift(new MessageNode(this.context, `${total} ${plural}: showing the first ${objects.length}`, new vscode.ThemeIcon('warning')));
      return nodes;
    } catch (error) {
      if (error instanceof EngineError) return [MessageNode.forError(this.context, error)];
      if (error instanceof ListingStopped) return [new MessageNode(this.context, error.message, new vscode.ThemeIcon('warning'))];
      throw error;
    }
  }
}
