/**
 * The grace period (GuardSettings.graceSeconds): after the user confirmed an operation on a
 * context, the same operation on the same context and endpoint is not asked again for a while.
 * The memory of what was confirmed is the audit log itself — every confirmed request is in it —
 * so the shims of every terminal and the extension share it without another file.
 */
import type { AuditRecord } from '../audit/auditRecord';
import { redactCredentials } from '../audit/redact';
import type { NeededConfirmation } from './confirmationPolicy';
import type { ConfirmationMethod, GuardRequest } from './guard';

/** The confirmations strong enough to stand for `needed` again (a y never stands for a typed name). */
const standsFor: Record<NeededConfirmation, readonly ConfirmationMethod[]> = {
  confirm: ['answer', 'typedName', 'environment'],
  typeName: ['typedName', 'environment'],
};

export function confirmedWithinGrace(
  records: readonly AuditRecord[],
  request: GuardRequest,
  needed: NeededConfirmation,
  graceSeconds: number,
  now: Date,
): boolean {
  if (graceSeconds <= 0) return false;
  const since = now.getTime() - graceSeconds * 1000;
  const endpoint = redactCredentials(request.context.host);
  return records.some((record) => {
    const time = Date.parse(record.time);
    return (
      time >= since &&
      time <= now.getTime() &&
      record.outcome !== 'declined' &&
      record.context === request.context.name &&
      record.endpoint === endpoint &&
      record.operation === request.operation &&
      record.confirmedBy !== undefined &&
      standsFor[needed].includes(record.confirmedBy)
    );
  });
}
