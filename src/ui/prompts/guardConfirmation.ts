/**
 * How the guard asks in VS Code (the policy itself is core/guard/confirmationPolicy.ts, the
 * same as in a terminal): one question naming the action by its verb ("Stop web on staging
 * engine "eu"?"), the context, its endpoint and tier, and every target, saying which running
 * ones it kills. A destroy is asked with Cancel as the default (Prompts.confirmDestructive); on
 * production the same question is one input box that wants the context's name typed.
 */
import type { AuditLog } from '../../core/audit/auditLog';
import { redactCredentials } from '../../core/audit/redact';
import { confirmationPolicy } from '../../core/guard/confirmationPolicy';
import type { ElevationStore } from '../../core/guard/elevations';
import type { GuardPolicy, GuardRequest } from '../../core/guard/guard';
import { showControls } from '../../core/text/foreignText';
import type { Settings } from '../state/settings';
import { oneLine, type Prompts } from './prompts';

const maxListedTargets = 20;

function listed(names: readonly string[]): string {
  const shown = names.slice(0, maxListedTargets).map(showControls);
  if (names.length > maxListedTargets) shown.push(`… and ${names.length - maxListedTargets} more`);
  return shown.join(', ');
}

/** Where the request goes and what it does, one fact a line. */
function describeRequest(request: GuardRequest): string {
  const { context, operation, targets, hostAccess, kills } = request;
  return [
    `Context: ${showControls(context.name)} (${context.tier})`,
    `Engine: ${showControls(redactCredentials(context.host ?? ''))}`,
    `Action: docker ${operation}`,
    hostAccess?.length ? `It hands the container that machine: ${hostAccess.join(', ')}` : '',
    kills?.length ? `Running, so killed by it: ${listed(kills)}` : '',
    targets.length > 0 ? `Targets (${targets.length}): ${listed(targets)}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** The button of the question: the action's own verb (`Stop`, `Remove`), never a bare "Continue". */
const actionWords: Record<string, string> = {
  rm: 'Remove',
  stop: 'Stop',
  start: 'Start',
  restart: 'Restart',
  kill: 'Kill',
  pause: 'Pause',
  unpause: 'Unpause',
  prune: 'Prune',
};

function actionWord(operation: string): string {
  const verb = operation.split(' ')[1] ?? '';
  return actionWords[verb] ?? 'Go Ahead';
}

/** "Remove web on production engine "eu" as operator? It is running and will be killed." (the role only where the engine enforces one) */
function guardQuestion(request: GuardRequest, role: string | undefined): string {
  const { context, operation, targets, kills } = request;
  const noun = operation.split(' ')[0];
  const what = targets.length === 1 ? ` ${showControls(targets[0])}` : targets.length > 1 ? ` ${targets.length} ${noun}s` : '';
  const killed = !kills?.length
    ? ''
    : targets.length === 1
      ? ' It is running and will be killed.'
      : ` ${kills.length} of them ${kills.length === 1 ? 'is' : 'are'} running and will be killed.`;
  return `${actionWord(operation)}${what} on ${context.tier} engine "${context.name}"${role ? ` as ${role}` : ''}?${killed}`;
}

export function uiGuardPolicy(
  settings: Settings,
  prompts: Prompts,
  auditLog: AuditLog,
  elevations: ElevationStore,
  /** The role our certificate has on the context's engine, where that engine enforces access (accessState.ts). */
  enforcedRoleOf: (contextName: string) => string | undefined,
): GuardPolicy {
  return confirmationPolicy({
    settings: () => settings.guardSettings(),
    elevationOf: (context) => elevations.openFor(context),
    recentRecords: () => auditLog.readRecent(),
    asker: {
      async ask(request, needed) {
        const verb = actionWord(request.operation);
        const question = guardQuestion(request, enforcedRoleOf(request.context.name));
        const detail = describeRequest(request);
        if (needed === 'typeName')
          return (await prompts.typeNameToConfirm(request.context.name, question, `${oneLine(detail)}.`, verb)) ? 'typedName' : undefined;
        const destroys = request.operationClass === 'destroy' || (request.hostAccess?.length ?? 0) > 0;
        const confirmed = destroys ? await prompts.confirmDestructive(question, detail, verb) : await prompts.confirm(question, detail, verb);
        return confirmed ? 'answer' : undefined;
      },
    },
  });
}
