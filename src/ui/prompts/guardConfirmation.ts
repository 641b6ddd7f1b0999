/**
 * How the guard asks in VS Code (the policy itself is core/guard/confirmationPolicy.ts, the
 * same as in a terminal): one question naming the action by its verb ("Stop web on staging
 * engine "eu"?"), the context, its endpoint and tier, and every target, saying which running
 * ones it kills. A destroy is asked with Cancel as the default (Prompts.confirmDestructive); on
 * production the same question is one input box that wants the context's name typed.
 *
 * The engine gateway asks the same questions (gatewayGuardPolicy) with one more answer: "Allow
 * changes on CONTEXT for N minutes" (gatewayAllowances.ts), and one question at a time, so that
 * the many requests of one `docker compose down` are one question, not forty.
 */
import type { AuditLog } from '../../core/audit/auditLog';
import { redactCredentials } from '../../core/audit/redact';
import { type ConfirmationAsker, confirmationPolicy, type NeededConfirmation } from '../../core/guard/confirmationPolicy';
import type { ElevationStore } from '../../core/guard/elevations';
import type { ConfirmationMethod, GuardPolicy, GuardRequest } from '../../core/guard/guard';
import { showControls } from '../../core/text/foreignText';
import type { GatewayAllowances } from '../state/gatewayAllowances';
import type { Settings } from '../state/settings';
import { oneLine, type Prompts } from './prompts';

const maxListedTargets = 20;

function listed(names: readonly string[]): string {
  const shown = names.slice(0, maxListedTargets).map(showControls);
  if (names.length > maxListedTargets) shown.push(`… and ${names.length - maxListedTargets} more`);
  return shown.join(', ');
}

/** Where the request goes and what it does, one fact a line. */
export function describeRequest(request: GuardRequest): string {
  const { context, operation, targets, hostAccess, kills } = request;
  return [
    `Context: ${showControls(context.name)} (${context.tier})`,
    `Engine: ${showControls(redactCredentials(context.host ?? ''))}`,
    `Action: docker ${operation}`,
    request.api ? `Request: ${request.api.method} ${showControls(request.api.path)} (engine gateway)` : '',
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

/** The role our certificate has on the context's engine, where that engine enforces access (accessState.ts). */
export type EnforcedRoleOf = (contextName: string) => string | undefined;

/** "Remove web on production engine "eu" as operator? It is running and will be killed." (the role only where the engine enforces one) */
export function guardQuestion(request: GuardRequest, role?: string): string {
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

/** Asks `request` with the action's verb and, when given, one more answer (`also`); resolves how it was confirmed and which answer. */
async function askInVsCode(prompts: Prompts, request: GuardRequest, needed: NeededConfirmation, role: string | undefined, also?: string) {
  const verb = actionWord(request.operation);
  const question = guardQuestion(request, role);
  const detail = describeRequest(request);
  const choices = also ? [verb, also] : [verb];
  const destroys = request.operationClass === 'destroy' || (request.hostAccess?.length ?? 0) > 0;
  const choice =
    needed === 'typeName'
      ? await prompts.typeNameToChoose(request.context.name, question, `${oneLine(detail)}.`, verb, also)
      : destroys
        ? await prompts.chooseDestructive(question, detail, choices)
        : await prompts.choose(question, detail, choices);
  const confirmedBy: ConfirmationMethod | undefined = choice === undefined ? undefined : needed === 'typeName' ? 'typedName' : 'answer';
  return { confirmedBy, allowed: choice !== undefined && choice === also };
}

function vsCodePolicy(settings: Settings, auditLog: AuditLog, elevations: ElevationStore, ask: ConfirmationAsker['ask']): GuardPolicy {
  return confirmationPolicy({
    settings: () => settings.guardSettings(),
    elevationOf: (context) => elevations.openFor(context),
    recentRecords: () => auditLog.readRecent(),
    asker: { ask },
  });
}

export function uiGuardPolicy(
  settings: Settings,
  prompts: Prompts,
  auditLog: AuditLog,
  elevations: ElevationStore,
  enforcedRoleOf: EnforcedRoleOf,
): GuardPolicy {
  return vsCodePolicy(
    settings,
    auditLog,
    elevations,
    async (request, needed) => (await askInVsCode(prompts, request, needed, enforcedRoleOf(request.context.name))).confirmedBy,
  );
}

/** The words of the extra answer, as the question and the status bar say it. */
export function allowChoice(contextName: string, minutes: number): string {
  return `Allow changes on ${showControls(contextName)} for ${minutes} minutes`;
}

/** The gateway's policy: the same questions, one at a time, with "Allow changes on CONTEXT for N minutes". */
export function gatewayGuardPolicy(
  settings: Settings,
  prompts: Prompts,
  auditLog: AuditLog,
  elevations: ElevationStore,
  allowances: GatewayAllowances,
  enforcedRoleOf: EnforcedRoleOf,
): GuardPolicy {
  let asking: Promise<unknown> = Promise.resolve();
  return vsCodePolicy(settings, auditLog, elevations, (request, needed) => {
    const answer = asking.then(async (): Promise<ConfirmationMethod | undefined> => {
      // Asked after the question before it was answered: that answer may have allowed this one.
      if (allowances.of(request.context)) return 'allowance';
      const minutes = settings.gatewayAllowMinutes();
      const { confirmedBy, allowed } = await askInVsCode(
        prompts,
        request,
        needed,
        enforcedRoleOf(request.context.name),
        allowChoice(request.context.name, minutes),
      );
      if (allowed) allowances.allow(request.context, minutes);
      return confirmedBy;
    });
    asking = answer.catch(() => undefined);
    return answer;
  });
}
