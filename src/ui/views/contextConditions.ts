/**
 * What a context row's menus and the "which context?" pickers ask of a context, in one table: each
 * condition is a word of the tree item's contextValue (package.json menus match it with
 * `viewItem =~ /^context\b.*\bword\b/`) and the predicate a picker filters with, so the tree and the
 * palette can never offer a command on different contexts. No vscode import: unit tests load it.
 */
import type { ListedContext } from '../../core/contexts/contextList';

/** Plain TCP is as dangerous as production, whatever the tier says. */
export function isInsecure(context: ListedContext): boolean {
  return context.transport === 'tcp' || context.skipTLSVerify;
}

/** What a row knows of a context besides the list: whether SecretStorage holds its CA key (certificateStatus.ts). */
export interface ContextFacts extends ListedContext {
  caKeyHeld?: boolean;
}

/** The facts of a row, from the list and what the certificate status knows of it. */
export function contextFacts(context: ListedContext, certificates: { caKeyHeld: boolean } | undefined): ContextFacts {
  return { ...context, caKeyHeld: certificates?.caKeyHeld === true };
}

const stored = (context: ListedContext) => !context.isDefault && !context.missing;
const usable = (context: ListedContext) => !context.error;

/** Condition name (also its contextValue word) → whether it holds for the context. */
export const contextConditions = {
  /** In the CLI's store: not the implicit default, not a missing current context. */
  stored,
  usable,
  broken: (context: ListedContext) => context.error !== null,
  current: (context: ListedContext) => context.current,
  /** Stored and usable: its metadata can be edited, it can be exported. */
  storedUsable: (context: ListedContext) => stored(context) && usable(context),
  /** Usable and not current: "Use" has something to do. */
  usableNotCurrent: (context: ListedContext) => usable(context) && !context.current,
  hasEndpoint: (context: ListedContext) => context.host !== '',
  /** Usable with an endpoint to dial: the engine gateway serves it (Open Terminal on Context). */
  gatewayServed: (context: ListedContext) => usable(context) && context.transport !== null,
  production: (context: ListedContext) => context.tier === 'production',
  insecure: isInsecure,
  secretKeys: (context: ListedContext) => context.keysInSecretStorage,
  /** The CA key is in SecretStorage (kept after Export Keys too): rotation can issue certificates. */
  caKey: (context: ContextFacts) => context.caKeyHeld === true,
  tls: (context: ListedContext) => context.transport === 'tls',
  /** Reaches its engine's host by SSH: commands can run there (Engine Audit reads the plugin's record). */
  ssh: (context: ListedContext) => context.transport === 'ssh' && !context.error,
  /** TLS keys in the CLI's store, which "Move Keys to SecretStorage" can take. */
  keyFiles: (context: ListedContext) => context.transport === 'tls' && !context.keysInSecretStorage && context.tls.key,
} satisfies Record<string, (context: ContextFacts) => boolean>;

export type ContextCondition = keyof typeof contextConditions;

/** The first word of every context row's contextValue: menus anchor on it, so no other row (an engine object whose state an engine names) matches. */
const contextRowWord = 'context';

/** The tree item's contextValue: `context` and the name of every condition that holds. */
export function contextValueOf(context: ContextFacts): string {
  const holding = (Object.keys(contextConditions) as ContextCondition[]).filter((condition) => contextConditions[condition](context));
  return [contextRowWord, ...holding].join(' ');
}
