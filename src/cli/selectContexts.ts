/** The contexts a command given `NAME…` or `--all` works on (the current one when given neither), shared by ping and gateway. */
import type { ListedContext } from '../core/contexts/contextList';
import { UsageError } from './parseOptions';

export function selectContexts(contexts: readonly ListedContext[], names: readonly string[], all: boolean | undefined): ListedContext[] {
  if (all && names.length > 0) throw new UsageError('give context names or --all, not both');
  const unknown = names.filter((name) => !contexts.some((context) => context.name === name));
  if (unknown.length > 0) throw new Error(`no such context: ${unknown.join(', ')}`);
  if (all) return contexts.filter((context) => !context.missing);
  if (names.length > 0) return names.map((name) => contexts.find((context) => context.name === name)!);
  return contexts.filter((context) => context.current);
}
