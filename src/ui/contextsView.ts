/** The "Contexts" tree in the Docker Context Guard sidebar. */
import * as vscode from 'vscode';
import { DisposableStore } from '../core/lifecycle';

export const contextsViewId = 'dockerContextGuard.contexts';

export class ContextsView extends DisposableStore implements vscode.TreeDataProvider<never> {
  constructor() {
    super();
    this.register(vscode.window.createTreeView(contextsViewId, { treeDataProvider: this }));
  }

  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }

  getChildren(): never[] {
    return [];
  }
}
