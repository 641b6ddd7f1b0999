/**
 * Health of engines: can we reach it, how fast, and what runs there. Every context is probed
 * concurrently (bounded) with a timeout per probe, so ten black-holed hosts cost about one
 * timeout, not ten, and one slow engine never holds up the others.
 */
import { mapWithConcurrency, withTimeout } from '../concurrency';
import type { DockerContext } from '../contexts/dockerContext';
import type { EngineConnections } from './engineConnections';
import { type EngineErrorReason, toEngineError } from './engineErrors';

export interface EngineHealth {
  name: string;
  reachable: boolean;
  /** Round trip of the ping (the first one includes connecting). */
  latencyMs: number | null;
  serverVersion: string | null;
  apiVersion: string | null;
  os: string | null;
  arch: string | null;
  error: string | null;
  errorReason: EngineErrorReason | null;
}

/** Probes `context` for at most `timeoutMs` (see probeTimeoutMs). */
export async function probeEngine(connections: EngineConnections, context: DockerContext, timeoutMs: number): Promise<EngineHealth> {
  const health: EngineHealth = {
    name: context.name,
    reachable: false,
    latencyMs: null,
    serverVersion: null,
    apiVersion: null,
    os: null,
    arch: null,
    error: null,
    errorReason: null,
  };
  try {
    await withTimeout(
      (async () => {
        const { api } = await connections.clientFor(context);
        const started = process.hrtime.bigint();
        await api.ping();
        health.latencyMs = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
        const version = await api.version();
        Object.assign(health, { serverVersion: version.Version, apiVersion: version.ApiVersion, os: version.Os, arch: version.Arch });
      })(),
      timeoutMs,
    );
    health.reachable = true;
  } catch (error) {
    const engineError = toEngineError(error, { contextName: context.name, host: context.host }, timeoutMs);
    health.error = engineError.message;
    health.errorReason = engineError.reason;
  }
  return health;
}

export function probeEngines(
  connections: EngineConnections,
  contexts: readonly DockerContext[],
  options: { timeoutMs: number; concurrency?: number },
): Promise<EngineHealth[]> {
  return mapWithConcurrency(contexts, options.concurrency ?? 16, (context) => probeEngine(connections, context, options.timeoutMs));
}

/**
 * What the log says when a context's health changes: it became unreachable (or fails another
 * way), or answers again. Nothing when it stays as it was, so a dead host is logged once, not
 * at every probe; a first probe that reaches the engine is no news either.
 */
export function healthChange(previous: EngineHealth | undefined, next: EngineHealth): string | undefined {
  if (!next.reachable) return previous && !previous.reachable && previous.error === next.error ? undefined : `${next.name}: ${next.error}`;
  if (previous && !previous.reachable) return `${next.name}: reachable again (${next.latencyMs} ms)`;
  return undefined;
}
