/**
 * THE table of agent tools, shared by the MCP server (src/cli/commands/mcp.ts) and VS Code's
 * language-model tools (src/ui/agent/): one name, description, argument schema and run for
 * each, so both surfaces offer the same tools under the same guard. package.json's
 * `languageModelTools` repeats the names, descriptions and schemas (VS Code reads them before
 * the extension runs); a unit test holds the two equal.
 */
import { GuardDeclined } from '../guard/guard';
import { showControls } from '../text/foreignText';
import { changeTools } from './agentChanges';
import { AgentRefused } from './agentPolicy';
import { readTools } from './agentReads';
import { type AgentSurface, AgentToolError, type ToolInput } from './agentSurface';
import type { AgentTool } from './agentTool';

export const agentTools: readonly AgentTool[] = [...readTools, ...changeTools];

/** What a tool answered: its text, and whether it is an error (refused, failed, or wrong arguments). */
export interface AgentToolAnswer {
  text: string;
  isError: boolean;
}

/** Runs the named tool; every failure becomes an error answer that names the tool (and the context and tier where it has them). */
export async function callAgentTool(name: string, input: ToolInput, surface: AgentSurface): Promise<AgentToolAnswer> {
  const tool = agentTools.find((candidate) => candidate.name === name);
  if (!tool) return { text: `${showControls(name)}: no such tool; the tools are ${agentTools.map((one) => one.name).join(', ')}`, isError: true };
  try {
    return { text: await tool.run(input ?? {}, surface), isError: false };
  } catch (error) {
    const known = error instanceof AgentRefused || error instanceof AgentToolError || error instanceof GuardDeclined;
    const message = error instanceof Error ? error.message : String(error);
    return { text: `${tool.name}: ${known ? message : `failed: ${showControls(message)}`}`, isError: true };
  }
}
