/**
 * What an agent tool runs against, given by each surface that offers the tools (the MCP server
 * of the CLI, the language-model tools of VS Code): the contexts as that surface reads them, its
 * engine connections, its guard (made with agentPolicy.ts) and its timeouts. The tools
 * themselves (agentTools.ts) are the same everywhere; only this differs.
 */
import type { ListedContext } from '../contexts/contextList';
import type { EngineClient } from '../engine/engineConnections';
import { toEngineError } from '../engine/engineErrors';
import type { EngineHealth } from '../engine/engineHealth';
import type { EngineTimeouts } from '../engine/engineTimeouts';
import type { Elevation } from '../guard/elevations';
import type { Guard, GuardRequest } from '../guard/guard';
import type { GuardSettings } from '../guard/guardPolicy';
import { showControls } from '../text/foreignText';

export interface AgentSurface {
  /** `mcp` (no person to ask) or `vscode` (VS Code's tool confirmation asks the person). */
  readonly kind: 'mcp' | 'vscode';
  contexts(): Promise<ListedContext[]>;
  client(context: ListedContext): Promise<EngineClient>;
  probe(context: ListedContext): Promise<EngineHealth>;
  /** Made with agentPolicy(): every tool's request, read or change, passes through it. */
  readonly guard: Guard;
  settings(): GuardSettings;
  elevationOf(context: ListedContext): Elevation | undefined;
  timeouts(): EngineTimeouts;
  /** Every change is refused (`mcp --read-only`). */
  readonly readOnly: boolean;
}

/** A tool's arguments, as the agent sent them (checked by each tool, never trusted). */
export type ToolInput = Record<string, unknown>;

/** What a tool tells the agent when it cannot do what was asked (its text names the context and tier where there is one). */
export class AgentToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgentToolError';
  }
}

/** A string argument; undefined when absent and not required. */
export function stringArgument(input: ToolInput, key: string, required: true): string;
export function stringArgument(input: ToolInput, key: string, required?: false): string | undefined;
export function stringArgument(input: ToolInput, key: string, required = false): string | undefined {
  const value = input[key];
  if (value === undefined || value === null || value === '') {
    if (required) throw new AgentToolError(`the argument "${key}" is required`);
    return undefined;
  }
  if (typeof value !== 'string') throw new AgentToolError(`the argument "${key}" must be a string`);
  return value;
}

/** The context an agent named, or the current one: one that exists and can be used. */
export async function targetContext(surface: AgentSurface, input: ToolInput): Promise<ListedContext> {
  const name = stringArgument(input, 'context');
  const contexts = await surface.contexts();
  const context = name === undefined ? contexts.find((candidate) => candidate.current) : contexts.find((candidate) => candidate.name === name);
  if (!context || context.missing) {
    const known = contexts.filter((candidate) => !candidate.missing).map((candidate) => `${candidate.name} (${candidate.tier})`);
    throw new AgentToolError(
      `${name === undefined ? 'the current context' : `context "${showControls(name)}"`} does not exist; the contexts are: ${showControls(known.join(', '))}`,
    );
  }
  if (context.error) throw new AgentToolError(`context "${showControls(context.name)}" (${context.tier}) cannot be used: ${showControls(context.error)}`);
  return context;
}

/** `"prod" (production)`: how every message names where a request went. */
export function contextLabel(context: ListedContext): string {
  return `"${showControls(context.name)}" (${context.tier})`;
}

/** An engine's failure, worded as for a person, with the context and its tier in front. */
export function engineFailed(surface: AgentSurface, context: ListedContext, error: unknown): AgentToolError {
  const failure = toEngineError(error, { contextName: context.name, host: context.host }, surface.timeouts().connectMs);
  return new AgentToolError(`on ${contextLabel(context)}: ${showControls(failure.message)}`);
}

/**
 * Runs `perform` on the context's engine through the surface's guard, as the request of `tool`;
 * an engine failure comes back worded with the context and tier.
 */
export async function guarded<T>(surface: AgentSurface, request: GuardRequest, perform: (client: EngineClient) => Promise<T>): Promise<T> {
  const { context } = request;
  return surface.guard.run(request, async () => {
    try {
      return await perform(await surface.client(context));
    } catch (error) {
      throw error instanceof AgentToolError ? error : engineFailed(surface, context, error);
    }
  });
}
