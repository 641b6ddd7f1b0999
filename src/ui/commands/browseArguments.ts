/**
 * The tree nodes a browse command acts on. VS Code calls a view-item command with the clicked
 * node and, when that node is part of a multi-selection, with all selected nodes as well: a bulk
 * action covers them all, provided they are one kind on one context (one guard request, one engine).
 */
import { GroupNode } from '../views/browse/groupNode';
import type { ObjectKindId } from '../views/browse/objectKind';
import { ObjectNode } from '../views/browse/objectNode';

export function objectArgument(clicked: unknown, kind?: ObjectKindId): ObjectNode {
  if (clicked instanceof ObjectNode && (!kind || clicked.kind.id === kind)) return clicked;
  throw new Error(`Run this on ${kind ? `a ${kind}` : 'a container, image, volume or network'} in the Contexts view.`);
}

export function objectSelection(clicked: unknown, selected: unknown, kind?: ObjectKindId): ObjectNode[] {
  const first = objectArgument(clicked, kind);
  const nodes: unknown[] = Array.isArray(selected) && selected.includes(first) ? selected : [first];
  const sameKindAndContext = (node: unknown): node is ObjectNode =>
    node instanceof ObjectNode && node.kind === first.kind && node.context.name === first.context.name;
  if (!nodes.every(sameKindAndContext)) throw new Error(`Select only ${first.kind.id}s of "${first.context.name}": one action goes to one engine.`);
  return nodes;
}

export function groupArgument(clicked: unknown): GroupNode {
  if (clicked instanceof GroupNode) return clicked;
  throw new Error('Run this on the Containers, Images, Volumes or Networks of a context in the Contexts view.');
}
