/**
 * The one confirmation policy, for every place a guarded request can come from (the sidebar,
 * a terminal, and later the engine gateway): which confirmation the request needs
 * (guardPolicy.ts), then a recent identical confirmation (the grace period), then the person,
 * asked the way the caller can ask (a modal, a question on the terminal; with no one to ask, the
 * caller's rule: DOCKER_GUARD_CONFIRM for a script, else a refusal that says how to proceed).
 * Callers supply only that way of asking. A read-only context (production, not elevated) is
 * refused before anyone is asked: no answer, typed name or DOCKER_GUARD_CONFIRM opens it.
 */
import type { AuditRecord } from '../audit/auditRecord';
import type { Elevation } from './elevations';
import { confirmedWithinGrace } from './grace';
import type { ConfirmationMethod, GuardPolicy, GuardRequest } from './guard';
import { type Confirmation, confirmationFor, type GuardSettings } from './guardPolicy';

export type NeededConfirmation = Exclude<Confirmation, 'none' | 'refuse'>;

export interface ConfirmationAsker {
  /** Asks the person; resolves how they confirmed, or undefined when they did not (or no one could be asked). */
  ask(request: GuardRequest, needed: NeededConfirmation): Promise<ConfirmationMethod | undefined>;
}

export interface ConfirmationPolicyOptions {
  /** Read at each request, so a change of settings counts at once. */
  settings: () => GuardSettings;
  /** Recent audit records, for the grace period (none: no grace). */
  recentRecords?: () => readonly AuditRecord[];
  asker: ConfirmationAsker;
  /** The open elevation of a context, read at each request (none: nothing is ever elevated). */
  elevationOf?: (context: GuardRequest['context']) => Elevation | undefined;
}

export function confirmationPolicy({ settings, recentRecords, asker, elevationOf }: ConfirmationPolicyOptions): GuardPolicy {
  return async (request) => {
    const current = settings();
    const elevation = request.operationClass === 'read' ? undefined : elevationOf?.(request.context);
    const inside = elevation && { elevation: { id: elevation.id, reason: elevation.reason } };
    const needed = confirmationFor(request, current, elevation !== undefined);
    if (needed === 'none') return { allowed: true, ...inside };
    if (needed === 'refuse') return { allowed: false, refused: 'readOnly' };
    if (recentRecords && confirmedWithinGrace(recentRecords(), request, needed, current.graceSeconds, new Date())) {
      return { allowed: true, confirmedBy: 'grace', ...inside };
    }
    const confirmedBy = await asker.ask(request, needed);
    return confirmedBy ? { allowed: true, confirmedBy, ...inside } : { allowed: false };
  };
}
