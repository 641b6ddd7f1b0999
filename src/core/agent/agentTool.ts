/**
 * The shape of one agent tool, the same for the MCP server and for VS Code's language-model
 * tools: its name, what the agent is told it does, the JSON schema of its arguments, and how it
 * runs. A change is first planned — which context, which guard request, which targets — so VS
 * Code can name all of it in its confirmation before anything is sent, and the run sends what
 * was planned.
 */
import type { EngineClient } from '../engine/engineConnections';
import type { GuardRequest } from '../guard/guard';
import type { AgentSurface, ToolInput } from './agentSurface';

export interface JsonSchema {
  type: 'object' | 'string' | 'boolean' | 'integer';
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: string[];
  minimum?: number;
  maximum?: number;
  additionalProperties?: boolean;
}

/** A change, planned: the one guard request, and what runs once the guard allows it (its result for the agent). */
export interface ChangePlan {
  request: GuardRequest;
  perform(client: EngineClient): Promise<string>;
}

export interface AgentTool {
  name: string;
  /** A few words for people (VS Code's tool list, an MCP client's title). */
  title: string;
  /** What the agent is told the tool does. */
  description: string;
  inputSchema: JsonSchema & { type: 'object' };
  /** A change only: resolves what it would do without sending anything. */
  plan?(input: ToolInput, surface: AgentSurface): Promise<ChangePlan>;
  /** Its answer for the agent; throws AgentToolError, AgentRefused, or the guard's errors. */
  run(input: ToolInput, surface: AgentSurface): Promise<string>;
}
