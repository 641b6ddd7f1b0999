/**
 * One container, image, volume or network in the tree; menus match the words of its contextValue.
 * While an action runs on it, it says so ("Stopping…", a spinning icon) instead of its state.
 */
import * as vscode from 'vscode';

import type { ListedContext } from '../../../core/contexts/contextList';
import type { BrowseNode } from './browseNode';
import type { EngineObject, ObjectKind, ObjectKindId } from './objectKind';

/** The row's id in the tree, the same across listings (busy rows are known by it). */
export function objectNodeId(context: ListedContext, kind: ObjectKindId, object: EngineObject): string {
  return `engine:${context.name}:${kind}:${object.ref}`;
}

export class ObjectNode implements BrowseNode {
  constructor(
    readonly context: ListedContext,
    readonly kind: ObjectKind,
    readonly object: EngineObject,
    /** What an action is doing to it right now ("Stopping"), if anything. */
    private readonly doing?: string,
  ) {}

  treeItem(): vscode.TreeItem {
    const { object } = this;
    const item = new vscode.TreeItem(object.name, vscode.TreeItemCollapsibleState.None);
    item.id = objectNodeId(this.context, this.kind.id, object);
    item.description = this.doing ? `${this.doing}…` : object.description;
    item.iconPath = this.doing ? new vscode.ThemeIcon('loading~spin') : object.icon;
    item.tooltip = this.doing ? `${object.tooltip}\n${this.doing}…` : object.tooltip;
    // package.json menus match these words: `viewItem =~ /\bcontainer\b/ && viewItem =~ /\brunning\b/`…
    item.contextValue = ['engineObject', this.kind.id, ...object.flags].join(' ');
    return item;
  }
}
