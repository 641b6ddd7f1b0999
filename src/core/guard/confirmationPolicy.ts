/**
 * The one confirmation policy, for every place a guarded request can come from (the sidebar,
 * a terminal, and later the engine gateway): which confirmation the request needs
 * (guardPolicy.ts), then, in this order, a recent identical confirmation (the grace period), a
 * confirmation given up front (DOCKER_GUARD_CONFIRM in a terminal), or the person, asked the
 * way the caller can ask (a modal, a question on the terminal; or no one, and a refusal that
 * says how to proceed). Callers supply only that way of asking.
 */
import type { AuditRecord } from '../audit/auditRecord';
import type { ConfirmationMethod, GuardPolicy, GuardRequest } from './guard';
import { confirmationFor, type Confirmation, type GuardSettings } from './guardPolicy';
import { confirmedWithinGrace } from './grace';

export type NeededConfirmation = Exclude<Confirmation, 'none'>;

export interface ConfirmationAsker {
  /** A confirmation given before the request (DOCKER_GUARD_CONFIRM naming the context), if any. */
  givenUpFront?(request: GuardRequest, needed: NeededConfirmation): ConfirmationMethod | undefined;
  /** Asks the person; resolves how they confirmed, or undefined when they did not (or no one could be asked). */
  ask(request: GuardRequest, needed: NeededConfirmation): Promise<ConfirmationMethod | undefined>;
}

export interface ConfirmationPolicyOptions {
  /** Read at each request, so a change of settings counts at once. */
  settings: () => GuardSettings;
  /** Recent audit records, for the grace period (none: no grace). */
  recentRecords?: () => readonly AuditRecord[];
  asker: ConfirmationAsker;
}

export function confirmationPolicy({ settings, recentRecords, asker }: ConfirmationPolicyOptions): GuardPolicy {
  return async (request) => {
    const current = settings();
    const needed = confirmationFor(request, current);
    if (needed === 'none') return { allowed: true };
    if (recentRecords && confirmedWithinGrace(recentRecords(), request, needed, current.graceSeconds, new Date())) {
      return { allowed: true, confirmedBy: 'grace' };
    }
    const confirmedBy = asker.givenUpFront?.(request, needed) ?? (await asker.ask(request, needed));
    return confirmedBy ? { allowed: true, confirmedBy } : { allowed: false };
  };
}
