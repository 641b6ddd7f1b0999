/**
 * The guard policy for AI agents: the one confirmation policy (confirmationPolicy.ts) with the
 * user's elevations, and less power than a person at the keyboard, never more. An agent cannot
 * open an elevation, cannot type a context's name, gets no grace period from a person's earlier
 * answer, and is told in words why it was refused and what a person must do. Who answers a y/N
 * question depends on the surface: in VS Code it is the person, through VS Code's own tool
 * confirmation (shown before the tool runs); over MCP no one can be asked, so only an elevation a
 * person opened lets a guarded change through. A server started read-only refuses every change.
 */
import { redactCredentials } from '../audit/redact';
import { confirmationPolicy, type ConfirmationPolicyOptions } from '../guard/confirmationPolicy';
import type { GuardPolicy, GuardRequest } from '../guard/guard';
import type { GuardSettings } from '../guard/guardPolicy';
import { showControls } from '../text/foreignText';

/** A change the policy refused an agent, in words for the agent (and the audit log). */
export class AgentRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgentRefused';
  }
}

export interface AgentPolicyOptions {
  settings: () => GuardSettings;
  elevationOf: NonNullable<ConfirmationPolicyOptions['elevationOf']>;
  /** Whether a person confirmed this request before the tool ran (VS Code's tool confirmation); over MCP never: no one can be asked. */
  confirmedByPerson: (request: GuardRequest) => boolean;
  /** Refuse every change (`mcp --read-only`). */
  readOnly?: boolean;
}

const nothingSent = 'Nothing was sent to the engine.';

/** How a person opens write access for a while: the words every refusal ends with. */
function howToElevate({ context }: GuardRequest): string {
  const name = showControls(context.name);
  return `A person can open write access for a while, with a reason: "Elevate Write Access…" in VS Code's Docker Contexts view, or docker guard elevate ${name} --for 15m --reason "…" in a terminal. An agent cannot.`;
}

/** `container rm web on "prod" (production, tcp://…)`. */
export function describeAgentRequest({ operation, targets, context }: GuardRequest): string {
  const what = targets.length > 0 ? ` ${targets.join(' ')}` : '';
  return showControls(`${operation}${what} on "${context.name}" (${context.tier}, ${redactCredentials(context.host)})`);
}

export function agentPolicy({ settings, elevationOf, confirmedByPerson, readOnly }: AgentPolicyOptions): GuardPolicy {
  const policy = confirmationPolicy({
    settings,
    elevationOf,
    asker: {
      async ask(request, needed) {
        if (needed === 'typeName') {
          throw new AgentRefused(
            `Refused ${describeAgentRequest(request)}: it needs the context's name typed by a person, which an agent cannot do. Ask the person to do it themselves (the Docker Contexts view or a terminal). ${howToElevate(request)} ${nothingSent}`,
          );
        }
        if (confirmedByPerson(request)) return 'answer';
        if (elevationOf(request.context)) return 'elevation';
        throw new AgentRefused(
          `Refused ${describeAgentRequest(request)}: it needs a person's confirmation, and no one was asked (over MCP and in an agent's terminal no one can be). Ask the person to do it themselves, or to open write access for a while. ${howToElevate(request)} ${nothingSent}`,
        );
      },
    },
  });
  return async (request) => {
    if (readOnly && request.operationClass !== 'read') {
      throw new AgentRefused(
        `Refused ${describeAgentRequest(request)}: this MCP server was started with --read-only, which refuses every change. ${nothingSent}`,
      );
    }
    const decision = await policy(request);
    if (typeof decision === 'object' && decision.refused) {
      throw new AgentRefused(
        `Refused ${describeAgentRequest(request)}: "${showControls(request.context.name)}" is ${request.context.tier} and read-only. ${howToElevate(request)} ${nothingSent}`,
      );
    }
    return decision;
  };
}
