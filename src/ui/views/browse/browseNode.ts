/**
 * A node below a context in the Contexts tree (a group such as "Containers", one container, an
 * image…). Each node renders itself and lists its own children, so the tree stays generic.
 */
import type * as vscode from 'vscode';

import type { ListedContext } from '../../../core/contexts/contextList';

export interface BrowseNode {
  /** The context whose engine this node shows. */
  readonly context: ListedContext;
  treeItem(): vscode.TreeItem;
  children?(): Promise<BrowseNode[]>;
}

export function isBrowseNode(element: unknown): element is BrowseNode {
  return typeof (element as BrowseNode).treeItem === 'function';
}
