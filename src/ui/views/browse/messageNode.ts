/**
 * A leaf that says something instead of listing: an engine that cannot be reached, a list that
 * failed, an empty group. It has no menus (contextValue `message`).
 */
import * as vscode from 'vscode';

import type { ListedContext } from '../../../core/contexts/contextList';
import type { EngineError } from '../../../core/engine/engineErrors';
import { showControls } from '../../../core/text/foreignText';
import type { BrowseNode } from './browseNode';

export class MessageNode implements BrowseNode {
  constructor(
    readonly context: ListedContext,
    private readonly message: string,
    private readonly icon: vscode.ThemeIcon,
    /** What a click does, if anything. */
    private readonly command?: vscode.Command,
  ) {}

  /** What an engine that did not answer (or answered with an error) shows in place of its contents; a click runs `retry`, if given. */
  static forError(context: ListedContext, error: EngineError, retry?: vscode.Command): MessageNode {
    if (error.reason === 'apiError')
      return new MessageNode(context, error.message, new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')), retry);
    // Keys bound to another endpoint: a click asks whether to use them here (nothing is sent before that).
    const rebind =
      error.reason === 'keysBoundElsewhere'
        ? { command: 'dockerContextGuard.useStoredKeysHere', title: 'Use Stored Keys for This Endpoint…', arguments: [context] }
        : retry;
    return new MessageNode(
      context,
      `Cannot reach the engine: ${error.message}`,
      new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('errorForeground')),
      rebind,
    );
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(showControls(this.message), vscode.TreeItemCollapsibleState.None);
    item.iconPath = this.icon;
    item.tooltip = this.command ? `${item.label as string}\n\nClick: ${this.command.title}` : (item.label as string);
    item.contextValue = 'message';
    item.command = this.command;
    return item;
  }
}
