/**
 * The terminal guard: what `docker …` does in an integrated terminal (through the launcher and
 * src/shim.ts) and what `docker-context-guard exec -- …` does. Where the extension's engine
 * gateway serves the context the line goes to, docker goes there (gatewayRoute.ts) and the gateway
 * weighs each request (asking the person in VS Code, an agent's terminal included). Otherwise
 * reads go straight to the real docker, without reading any context, and anything else is
 * weighed against the context it goes to, passes through the one Guard (policy, then audit), and
 * runs with the exact argv and stdio; in an AI agent's terminal (agentTerminal.ts) that policy is
 * the agent's, which asks no one;
 * docker's exit status (or signal) comes back unchanged.
 */
import * as os from 'node:os';

import { agentPolicy, AgentRefused } from '../agent/agentPolicy';
import { asAgentRequest, isAgentTerminal } from '../agent/agentTerminal';
import { AuditLog } from '../audit/auditLog';
import { auditObserver } from '../audit/auditRecord';
import type { ListedContext } from '../contexts/contextList';
import { classifyDockerArgs, type DockerCommandClassification } from '../guard/classifyDockerArgs';
import { resolveCommandTarget } from '../guard/dockerTarget';
import { userElevations } from '../guard/elevations';
import { Guard, GuardDeclined, GuardRefused, type GuardRequest } from '../guard/guard';
import { confirmationFor } from '../guard/guardPolicy';
import { guardSettingsFromEnv } from '../guard/guardSettingsEnv';
import { auditLogFile } from '../stateDirectory';
import { showControls } from '../text/foreignText';
import { gatewayRoute } from './gatewayRoute';
import { pruneCandidates } from './pruneCandidates';
import { findRealDocker } from './realDocker';
import { type DockerExit, runDocker } from './runDocker';
import { GuardInterrupted, guardRefusedExitCode, terminalPolicy } from './terminalPolicy';

export interface TerminalGuardIo {
  /** Where the guard's own messages go (docker's output never passes through the guard). */
  stderr: { write(text: string): unknown };
  /** The environment docker runs with, and that the guard reads its settings from. */
  env: NodeJS.ProcessEnv;
}

/** docker ended unsuccessfully: the request failed, for the audit log. */
class DockerFailed extends Error {
  constructor(readonly exit: DockerExit) {
    super(exit.signal ? `docker was killed by ${exit.signal}` : `docker exited with status ${exit.status}`);
  }
}

/** What a docker command line asks of the guard, for the terminal guard and `classify` alike. */
export function terminalGuardRequest(classification: DockerCommandClassification, context: ListedContext): GuardRequest {
  return {
    context,
    operation: classification.operation,
    operationClass: classification.class,
    targets: classification.targets,
    hostAccess: classification.hostAccess,
    source: 'terminal',
  };
}

export async function runTerminalGuard(args: readonly string[], { stderr, env }: TerminalGuardIo): Promise<DockerExit> {
  const docker = findRealDocker(env);
  if (!docker) {
    stderr.write("docker-context-guard: no docker found on PATH (other than the guard's own launcher)\n");
    return { status: 127 };
  }
  const run = () => runDocker(docker, args, env);
  const classification = classifyDockerArgs(args);
  // Through the extension's gateway, which asks (or refuses) per Engine API request itself.
  const route = await gatewayRoute(args, classification, env);
  if (route) return runDocker(docker, route.args, route.env);
  if (classification.class === 'read') return run();
  const settings = guardSettingsFromEnv(env);
  const { context } = await resolveCommandTarget(classification, env, settings);
  // No engine (`login`), or a context that does not exist: docker says so itself.
  if (!context) return run();
  if (context.keysInSecretStorage) {
    stderr.write(
      `docker-context-guard: "${showControls(context.name)}" keeps its TLS keys in VS Code's SecretStorage, so docker has none and cannot connect; a terminal of the VS Code window reaches it through the engine gateway, or run "Export Keys to Docker CLI…" in VS Code to use it here.\n`,
    );
  }

  const agent = isAgentTerminal(env);
  const request = agent ? asAgentRequest(terminalGuardRequest(classification, context)) : terminalGuardRequest(classification, context);
  const elevations = userElevations(env, settings);
  const elevated = elevations.openFor(context) !== undefined;
  if (['confirm', 'typeName'].includes(confirmationFor(request, settings, elevated))) {
    // A guarded prune names what it would remove; it is asked even when that list is empty.
    const candidates = await pruneCandidates(docker, classification.operation, classification.globalFlags, env);
    if (candidates) request.targets = candidates;
  }
  const log = new AuditLog(auditLogFile(env));
  const warn = (error: Error) => stderr.write(`docker-context-guard: warning: ${error.message}\n`);
  const elevationOf = (target: ListedContext) => elevations.openFor(target);
  const policy = agent
    ? agentPolicy({ settings: () => settings, elevationOf, confirmedByPerson: () => false })
    : terminalPolicy({ settings, env, log, stderr, elevationOf });
  const guard = new Guard(policy, auditObserver(log, warn));
  try {
    return await guard.run(request, async () => {
      const exit = await run();
      if (exit.status !== 0) throw new DockerFailed(exit);
      return exit;
    });
  } catch (error) {
    if (error instanceof DockerFailed) return error.exit;
    if (error instanceof GuardRefused) stderr.write(`docker-context-guard: ${showControls(error.message)}\n`);
    if (error instanceof AgentRefused) stderr.write(`docker-context-guard: ${error.message}\n`);
    if (error instanceof GuardDeclined || error instanceof AgentRefused) return { status: guardRefusedExitCode };
    if (error instanceof GuardInterrupted) return { status: 128 + os.constants.signals[error.signal], signal: error.signal };
    throw error;
  }
}
