/**
 * The context a docker command line acts on, with the Docker CLI's precedence: `--context`,
 * then `-H`/`--host` (the implicit default context, built from that address), then what the
 * environment and config.json say (DOCKER_HOST, DOCKER_CONTEXT, currentContext: see
 * currentContext.ts), config.json being the one in `--config DIR`, else DOCKER_CONFIG, else
 * ~/.docker. Only the one context is read from the store — except for the default context (its
 * address given by -H or DOCKER_HOST), which is weighed as the stored context with that endpoint
 * when there is one (production's own endpoint given with -H is production). `context rm NAME…` and the like act
 * on the contexts they name instead; `login` and the like on no engine at all.
 */
import type { ListedContext } from '../contexts/contextList';
import { defaultContextName } from '../contexts/contextNames';
import { ContextNotFoundError, ContextStore } from '../contexts/contextStore';
import { type CurrentContextSource, resolveCurrentContext } from '../contexts/currentContext';
import { dockerConfigDir } from '../contexts/dockerConfigDir';
import { DockerConfigFile } from '../contexts/dockerConfigFile';
import type { DockerContext } from '../contexts/dockerContext';
import { engineAddress } from '../contexts/engineAddress';
import { withProductionLookAlikes } from '../contexts/lookAlikeNames';
import { tierRulesFromEnv } from '../contexts/tierRulesEnv';
import { compileTierRules, tiers } from '../contexts/tiers';
import type { DockerCommandClassification, DockerGlobalFlags } from './classifyDockerArgs';
import { type GuardSettings, isRemote, requiredConfirmation } from './guardPolicy';

export type TargetSource = '--context' | '--host' | CurrentContextSource;

export interface CommandTarget {
  /** The context the command acts on; absent when it acts on no engine, or names no existing context. */
  context?: ListedContext;
  source?: TargetSource;
  /** Why there is no context although the command needs one (docker itself will refuse it). */
  problem?: string;
}

/** The context docker resolves for `flags` in `env` (throws ContextNotFoundError). */
export async function resolveDockerContext(flags: DockerGlobalFlags, env: NodeJS.ProcessEnv): Promise<{ context: ListedContext; source: TargetSource }> {
  const configDir = flags.config || dockerConfigDir(env);
  // docker warns about a config.json it cannot parse and goes on with the defaults: so do we.
  const configured = await new DockerConfigFile(configDir).readCurrentContext().catch(() => '');
  const current = resolveCurrentContext(env, configured);
  const [name, source]: [string, TargetSource] = flags.context
    ? [flags.context, '--context']
    : flags.host
      ? [defaultContextName, '--host']
      : [current.name, current.source];
  const store = new ContextStore(configDir, defaultContextEnv(flags, env));
  return { context: await listed(store, name, current.name, env), source };
}

/**
 * What `classification` acts on, for the policy: the resolved engine's context, or the most
 * guarded of the contexts it names.
 */
export async function resolveCommandTarget(
  classification: DockerCommandClassification,
  env: NodeJS.ProcessEnv,
  settings: GuardSettings,
): Promise<CommandTarget> {
  const missing = (error: unknown): CommandTarget => {
    if (error instanceof ContextNotFoundError) return { problem: error.message };
    throw error;
  };
  switch (classification.subject) {
    case 'client':
      return {};
    case 'engine':
      return resolveDockerContext(classification.globalFlags, env).catch(missing);
    case 'contexts': {
      const configDir = classification.globalFlags.config || dockerConfigDir(env);
      const store = new ContextStore(configDir, env);
      const named = await Promise.all(classification.targets.map((name) => listed(store, name, '', env).catch(() => undefined)));
      const rank = { none: 0, confirm: 1, typeName: 2, refuse: 3 };
      const weight = (context: ListedContext) =>
        rank[requiredConfirmation({ operationClass: classification.class, tier: context.tier, remote: isRemote(context) }, settings)];
      const context = named
        .filter((candidate): candidate is ListedContext => candidate !== undefined)
        .reduce<ListedContext | undefined>((strongest, candidate) => (strongest && weight(strongest) >= weight(candidate) ? strongest : candidate), undefined);
      return context ? { context, source: '--context' } : {};
    }
  }
}

/**
 * The context named `name` as the list gives it: its tier (a look-alike of a production name is
 * production), and for the default context the stored context with the same endpoint, if any.
 * The store is listed at most once, and not at all for a named production context.
 */
async function listed(store: ContextStore, name: string, currentName: string, env: NodeJS.ProcessEnv): Promise<ListedContext> {
  const tierOf = compileTierRules(tierRulesFromEnv(env));
  const asListed = (context: DockerContext): ListedContext => ({ ...context, current: name === currentName, missing: false, ...tierOf(context) });
  const context = asListed(await store.get(name));
  if (context.tier === 'production' && !context.isDefault) return context;
  const [own, ...others] = withProductionLookAlikes([context, ...(await store.list()).filter((other) => other.name !== name).map(asListed)]);
  return (own.isDefault && storedWithSameEngine(own, others)) || own;
}

/** The most guarded stored context whose endpoint is the engine `implicit` reaches, if any. */
function storedWithSameEngine(implicit: ListedContext, stored: ListedContext[]): ListedContext | undefined {
  const address = engineAddress(implicit);
  if (address === undefined) return undefined;
  const rank = (context: ListedContext) => tiers.length - tiers.indexOf(context.tier);
  return stored
    .filter((candidate) => !candidate.isDefault && candidate.error === null && engineAddress(candidate) === address)
    .reduce<ListedContext | undefined>((strongest, candidate) => (strongest && rank(strongest) >= rank(candidate) ? strongest : candidate), undefined);
}

/** The environment the implicit default context is built from, with -H and the TLS flags applied over it. */
function defaultContextEnv(flags: DockerGlobalFlags, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const flag = (value: boolean | undefined, fallback: string | undefined) => (value === undefined ? fallback : value ? '1' : '');
  return {
    ...env,
    DOCKER_HOST: flags.host ?? flags.lateHost ?? env.DOCKER_HOST,
    DOCKER_TLS_VERIFY: flag(flags.tlsVerify, env.DOCKER_TLS_VERIFY),
    DOCKER_TLS: flag(flags.tls, env.DOCKER_TLS),
  };
}
