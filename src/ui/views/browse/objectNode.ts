/** One container, image, volume or network in the tree; menus match the words of its contextValue. */
import * as vscode from 'vscode';
import type { ListedContext } from '../../../core/contexts/contextList';
import type { BrowseNode } from './browseNode';
import type { EngineObject, ObjectKind } from './objectKind';

export class ObjectNode implements BrowseNode {
  constructor(
    readonly context: ListedContext,
    readonly kind: ObjectKind,
    readonly object: EngineObject,
  ) {}

  treeItem(): vscode.TreeItem {
    const { object } = this;
    const item = new vscode.TreeItem(object.name, vscode.TreeItemCollapsibleState.None);
    item.id = `engine:${this.context.name}:${this.kind.id}:${object.ref}`;
    item.description = object.description;
    item.iconPath = object.icon;
    item.tooltip = object.tooltip;
    // package.json menus match these words: `viewItem =~ /\bcontainer\b/ && viewItem =~ /\brunning\b/`…
    item.contextValue = ['engineObject', this.kind.id, ...object.flags].join(' ');
    return item;
  }
}
