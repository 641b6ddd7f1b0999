/**
 * The guard's policy in VS Code: the core decides which confirmation a request needs (the same
 * table and settings as the terminal); this asks for it — a modal naming the context, its
 * endpoint and tier, the action and every target, and on production the context's name typed.
 */
import type { GuardPolicy, GuardRequest } from '../core/guard/guard';
import { confirmationFor } from '../core/guard/guardPolicy';
import { confirmedWithinGrace } from '../core/guard/grace';
import type { AuditLog } from '../core/audit/auditLog';
import type { Prompts } from './prompts';
import type { Settings } from './settings';
import { showControls } from '../core/text/foreignText';

const maxListedTargets = 20;

export function describeRequest(request: GuardRequest): string {
  const { context, operation, targets } = request;
  const listed = targets.slice(0, maxListedTargets).map((target) => `  • ${showControls(target)}`);
  if (targets.length > maxListedTargets) listed.push(`  … and ${targets.length - maxListedTargets} more`);
  return [
    `Context: ${showControls(context.name)} (${context.tier})`,
    `Engine: ${showControls(context.host ?? '')}`,
    `Action: docker ${operation}`,
    targets.length > 0 ? `Targets (${targets.length}):\n${listed.join('\n')}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

export function uiGuardPolicy(settings: Settings, prompts: Prompts, auditLog: AuditLog): GuardPolicy {
  return async (request) => {
    const guardSettings = settings.guardSettings();
    const needed = confirmationFor(request, guardSettings);
    if (needed === 'none') return { allowed: true };
    if (confirmedWithinGrace(auditLog.readRecent(), request, needed, guardSettings.graceSeconds, new Date())) return { allowed: true, confirmedBy: 'grace' };
    const { context, operation, operationClass } = request;
    const verb = operationClass === 'destroy' ? 'Destroy' : 'Change';
    const confirmed = await prompts.confirm(`${verb} on ${context.tier} engine "${context.name}": docker ${operation}?`, describeRequest(request), 'Continue');
    if (!confirmed) return { allowed: false };
    if (needed === 'confirm') return { allowed: true, confirmedBy: 'answer' };
    const typed = await prompts.typeNameToConfirm(context.name, `docker ${operation} on production context "${context.name}"`, `Type "${context.name}" to confirm`);
    return typed ? { allowed: true, confirmedBy: 'typedName' } : { allowed: false };
  };
}
