/**
 * How the guard asks in VS Code (the policy itself is core/guard/confirmationPolicy.ts, the
 * same as in a terminal): a modal naming the context, its endpoint and tier, the action and
 * every target, and on production the context's name typed.
 */
import type { AuditLog } from '../../core/audit/auditLog';
import { redactCredentials } from '../../core/audit/redact';
import type { ElevationStore } from '../../core/guard/elevations';
import { confirmationPolicy } from '../../core/guard/confirmationPolicy';
import type { GuardPolicy, GuardRequest } from '../../core/guard/guard';
import type { Prompts } from './prompts';
import type { Settings } from '../state/settings';
import { showControls } from '../../core/text/foreignText';

const maxListedTargets = 20;

export function describeRequest(request: GuardRequest): string {
  const { context, operation, targets, hostAccess } = request;
  const listed = targets.slice(0, maxListedTargets).map((target) => `  • ${showControls(target)}`);
  if (targets.length > maxListedTargets) listed.push(`  … and ${targets.length - maxListedTargets} more`);
  return [
    `Context: ${showControls(context.name)} (${context.tier})`,
    `Engine: ${showControls(redactCredentials(context.host ?? ''))}`,
    `Action: docker ${operation}`,
    hostAccess?.length ? `It hands the container that machine: ${hostAccess.join(', ')}` : '',
    targets.length > 0 ? `Targets (${targets.length}):\n${listed.join('\n')}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** The button of the question: the action's own verb (`Stop`, `Remove`), never a bare "Continue". */
const actionWords: Record<string, string> = {
  rm: 'Remove', stop: 'Stop', start: 'Start', restart: 'Restart', kill: 'Kill', pause: 'Pause', unpause: 'Unpause', prune: 'Prune',
};

function actionWord(operation: string): string {
  const verb = operation.split(' ')[1] ?? '';
  return actionWords[verb] ?? 'Go Ahead';
}

export function uiGuardPolicy(settings: Settings, prompts: Prompts, auditLog: AuditLog, elevations: ElevationStore): GuardPolicy {
  return confirmationPolicy({
    settings: () => settings.guardSettings(),
    elevationOf: (context) => elevations.openFor(context),
    recentRecords: () => auditLog.readRecent(),
    asker: {
      async ask(request, needed) {
        const { context, operation, targets } = request;
        const action = actionWord(operation);
        const what = targets.length === 1 ? ` ${showControls(targets[0])}` : targets.length > 1 ? ` ${targets.length} objects` : '';
        const confirmed = await prompts.confirm(`${action}${what} on ${context.tier} engine "${context.name}"?`, describeRequest(request), action);
        if (!confirmed) return undefined;
        if (needed === 'confirm') return 'answer';
        const typed = await prompts.typeNameToConfirm(context.name, `docker ${operation} on production context "${context.name}"`, `Type "${context.name}" to confirm`);
        return typed ? 'typedName' : undefined;
      },
    },
  });
}
