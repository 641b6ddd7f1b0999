/**
 * When the guard asks before a command goes ahead, as a pure function of what the command does,
 * where it goes and the user's settings — the same answer for the UI and the terminal.
 *
 * The guard exists for remote engines: Docker has no authorization and no audit, so whoever
 * reaches the API can do everything. A local engine (unix socket, named pipe) is left alone
 * unless `includeLocal`, with one exception: a context whose tier is production is guarded
 * wherever its socket is, because a socket can be a tunnel (`ssh -L /tmp/prod.sock:…`).
 */
import { isLocalTransport, type Transport } from '../contexts/endpoint';
import type { Tier } from '../contexts/tiers';
import type { GuardRequest, OperationClass } from './guard';

/** What the user must do before the command goes ahead; `refuse`: nothing they can answer lets it through (read-only). */
export type Confirmation = 'none' | 'confirm' | 'typeName' | 'refuse';

/**
 * How production takes changes: `readOnly` refuses them until someone elevates the context
 * (elevations.ts); `typeName` asks for the context's name before each one.
 */
export type ProductionMode = 'readOnly' | 'typeName';

export interface GuardSettings {
  /** Ask (y/N) before anything that changes a production engine, not only before destroying. */
  confirmMutateOnProduction: boolean;
  /** Guard local engines like remote ones. */
  includeLocal: boolean;
  /** Destroying on production takes typing the context's name, not only y. */
  typeNameOnProduction: boolean;
  /** After a confirmation, the same operation on the same context is not asked again for this long. */
  graceSeconds: number;
  production: ProductionMode;
  /** The longest elevation that can be opened. */
  maxElevationMinutes: number;
}

export const defaultGuardSettings: GuardSettings = {
  confirmMutateOnProduction: true,
  includeLocal: false,
  typeNameOnProduction: true,
  graceSeconds: 0,
  production: 'readOnly',
  maxElevationMinutes: 240,
};

export interface PolicyInput {
  operationClass: OperationClass;
  tier: Tier;
  /** Anything but a unix socket or a named pipe. */
  remote: boolean;
  /** The container it makes is handed the host (hostAccess.ts): weighed as a destroy. */
  hostAccess?: boolean;
  /** Someone opened write access to the context for now (elevations.ts). */
  elevated?: boolean;
}

/**
 * An elevated context is asked as any remote engine is: production then asks a destroy with y/N
 * and lets other changes through; any other tier (a maintenance window on staging) lets
 * everything through. Without an elevation, read-only production refuses every change.
 */
export function requiredConfirmation({ operationClass: given, tier, remote, hostAccess, elevated }: PolicyInput, settings: GuardSettings): Confirmation {
  if (given === 'read') return 'none';
  const operationClass = hostAccess ? 'destroy' : given;
  const production = tier === 'production';
  if (!remote && !production && !settings.includeLocal) return 'none';
  if (elevated) return production && operationClass === 'destroy' ? 'confirm' : 'none';
  if (production && settings.production === 'readOnly') return 'refuse';
  if (operationClass === 'destroy') return production && settings.typeNameOnProduction ? 'typeName' : 'confirm';
  return production && settings.confirmMutateOnProduction ? 'confirm' : 'none';
}

/** A context whose endpoint is not a socket on this machine (an unusable endpoint counts as remote). */
export function isRemote(context: { transport: Transport | null }): boolean {
  return !isLocalTransport(context.transport ?? undefined);
}

/** The confirmation a guard request needs: what a GuardPolicy asks first. */
export function confirmationFor(request: GuardRequest, settings: GuardSettings, elevated = false): Confirmation {
  const { operationClass, context, hostAccess } = request;
  return requiredConfirmation({ operationClass, tier: context.tier, remote: isRemote(context), hostAccess: (hostAccess?.length ?? 0) > 0, elevated }, settings);
}
