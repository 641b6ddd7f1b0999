/**
 * Terminals an AI agent runs commands in. VS Code's agent terminal tool (`run_in_terminal`)
 * starts its terminals with COPILOT_AGENT=1 (and with this extension's environment collection,
 * so the terminal guard's launcher is first on PATH there too). A docker command in such a
 * terminal is the agent's: the terminal guard weighs it with the agent policy — no question on
 * the terminal, which the agent itself could answer, and no DOCKER_GUARD_CONFIRM, which it
 * could set. The variable only ever takes power away: a person who exports it is refused too.
 */
import type { GuardRequest } from '../guard/guard';

/** Set to 1 by VS Code's agent terminal tool in every terminal it starts. */
const agentTerminalVariable = 'COPILOT_AGENT';

/** The tool the audit log names for a command an agent ran in a terminal. */
const agentTerminalTool = 'run_in_terminal';

export function isAgentTerminal(env: NodeJS.ProcessEnv): boolean {
  return env[agentTerminalVariable] === '1';
}

/** The request as the agent's: source `agent`, the terminal tool. */
export function asAgentRequest(request: GuardRequest): GuardRequest {
  return { ...request, source: 'agent', tool: agentTerminalTool };
}
