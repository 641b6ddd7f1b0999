/** Finding the Contexts tree's nodes by their label, as a user reads them, in the integration tests. */
import * as assert from 'node:assert/strict';

import type * as vscode from 'vscode';

type Tree = vscode.TreeDataProvider<unknown>;

export async function labelOf(tree: Tree, element: unknown): Promise<string> {
  const item = await tree.getTreeItem(element);
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/** The child of `parent` labelled `label`; fails naming the labels there are. */
export async function childLabelled(tree: Tree, parent: unknown, label: string): Promise<unknown> {
  const children = (await tree.getChildren(parent)) ?? [];
  const labels = await Promise.all(children.map((child) => labelOf(tree, child)));
  assert.ok(labels.includes(label), `no "${label}" among ${labels.join(', ')}`);
  return children[labels.indexOf(label)];
}
