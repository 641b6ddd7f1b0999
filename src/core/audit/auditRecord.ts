/**
 * One line of the audit log, and which guard outcomes become one. Logged: every change sent to a
 * remote engine (done or failed), every request that needed a confirmation, and every declined
 * one. Never logged: reads, option values, a container's command line, environment values —
 * the targets are only the positional names the command table picks (see dockerCommandTable.ts)
 * and addresses lose their credentials.
 */
import * as os from 'node:os';

import { type Tier, tiers } from '../contexts/tiers';
import type { Elevation } from '../guard/elevations';
import type { ApiRequestRef, ConfirmationMethod, GuardObserver, GuardOutcome, GuardSettled, OperationClass, RequestSource } from '../guard/guard';
import { isRemote } from '../guard/guardPolicy';
import type { AuditLog } from './auditLog';
import { redactCredentials } from './redact';
import { userName } from './userName';

export interface AuditRecord {
  /** ISO 8601, UTC. */
  time: string;
  user: string;
  hostname: string;
  context: string;
  endpoint: string;
  tier: Tier;
  source: RequestSource;
  /** The agent's tool (source `agent`). */
  tool?: string;
  /** The Engine API request (source `gateway`). */
  api?: ApiRequestRef;
  operation: string;
  class: OperationClass;
  /** The first targets (auditRecord.ts bounds them); `targetsOmitted` says how many more there were. */
  targets: string[];
  targetsOmitted?: number;
  outcome: GuardOutcome;
  /** How a confirmation was given; absent when none was needed (or none was given). */
  confirmedBy?: ConfirmationMethod;
  /** Why it failed (or why the policy gave up), shortened. */
  error?: string;
  /** How the container it made was handed the host (`--privileged`, `bind of /`…). */
  hostAccess?: string[];
  /** The status code the engine answered the gateway's request with. */
  engineStatus?: number;
  /** The elevation it went ahead inside, or (for `elevation …` operations) the one opened, extended, ended or expired. */
  elevation?: { id: string; reason: string; until?: string };
}

const maxErrorLength = 300;
/** What one record holds at most: a prune of 60,000 objects is one bounded line, not megabytes. */
const maxTargets = 50;
const maxTargetLength = 200;

/** The record for `settled`, or undefined when it is not worth keeping. */
export function auditRecordOf({ request, outcome, confirmedBy, elevation, error, engineStatus }: GuardSettled, now = new Date()): AuditRecord | undefined {
  const { context } = request;
  if (request.operationClass === 'read') return undefined;
  if (!isRemote(context) && confirmedBy === undefined && outcome !== 'declined') return undefined;
  const record: AuditRecord = {
    time: now.toISOString(),
    user: userName(),
    hostname: os.hostname(),
    context: context.name,
    endpoint: redactCredentials(context.host),
    tier: context.tier,
    source: request.source,
    operation: request.operation,
    class: request.operationClass,
    targets: request.targets.slice(0, maxTargets).map((target) => redactCredentials(target).slice(0, maxTargetLength)),
    outcome,
  };
  if (request.tool) record.tool = request.tool;
  if (request.api) record.api = { method: request.api.method, path: redactCredentials(request.api.path).slice(0, maxTargetLength) };
  if (request.targets.length > maxTargets) record.targetsOmitted = request.targets.length - maxTargets;
  if (request.hostAccess?.length) record.hostAccess = request.hostAccess.map(redactCredentials);
  if (confirmedBy) record.confirmedBy = confirmedBy;
  if (engineStatus !== undefined) record.engineStatus = engineStatus;
  if (elevation) record.elevation = { id: elevation.id, reason: redactCredentials(elevation.reason).slice(0, maxErrorLength) };
  if (error !== undefined) record.error = redactCredentials(error instanceof Error ? error.message : String(error)).slice(0, maxErrorLength);
  return record;
}

/**
 * A Guard observer that appends to `log`. A failed write never stops the command: it goes to
 * `warn`, for the caller to show (stderr in a terminal, a notification in VS Code).
 */
export function auditObserver(log: AuditLog, warn: (error: Error) => void): GuardObserver {
  return (settled) => {
    const record = auditRecordOf(settled);
    if (!record) return;
    try {
      log.append(record);
    } catch (error) {
      warn(error as Error);
    }
  };
}

/** What happened to an elevation, as its audit record's operation says it. */
export type ElevationEvent = 'open' | 'extend' | 'end' | 'expire';

/** The record of an elevation opened, extended, ended or expired: who, which context, why, until when. */
export function elevationRecord(
  event: ElevationEvent,
  elevation: Elevation,
  source: AuditRecord['source'],
  confirmedBy?: ConfirmationMethod,
  now = new Date(),
): AuditRecord {
  const record: AuditRecord = {
    time: now.toISOString(),
    user: userName(),
    hostname: os.hostname(),
    context: elevation.context,
    endpoint: redactCredentials(elevation.endpoint),
    tier: (tiers as readonly string[]).includes(elevation.tier) ? (elevation.tier as Tier) : 'production',
    source,
    operation: `elevation ${event}`,
    class: 'mutate',
    targets: [],
    outcome: 'done',
    elevation: { id: elevation.id, reason: redactCredentials(elevation.reason).slice(0, maxErrorLength), until: elevation.until },
  };
  if (confirmedBy) record.confirmedBy = confirmedBy;
  return record;
}
