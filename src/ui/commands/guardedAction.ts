/**
 * How every mutating browse action reaches an engine: ONE guard request naming all its
 * targets, then the action on each target (a few at a time), then a fresh list of that context
 * only. A declined guard throws GuardDeclined before anything is sent; failures of single
 * targets do not stop the others and are reported together at the end.
 */
import type Dockerode from 'dockerode';
import { mapWithConcurrency } from '../../core/concurrency';
import type { ListedContext } from '../../core/contexts/contextList';
import type { OperationClass } from '../../core/guard/guard';
import { engineFailure } from '../views/browse/engineFailure';
import type { EngineObject } from '../views/browse/objectKind';
import type { CommandServices } from './commandServices';
import { storedKeysAgreed } from '../prompts/storedKeysConsent';

/** Requests in flight per bulk action: a stop can take 10 s, and the client pools 16 sockets. */
const concurrency = 8;

export interface GuardedAction {
  /** As the docker CLI says it: `container stop`, `image rm`, `volume prune`… */
  operation: string;
  operationClass: Exclude<OperationClass, 'read'>;
}

export async function runGuarded(
  services: CommandServices,
  context: ListedContext,
  action: GuardedAction,
  targets: readonly EngineObject[],
  perform: (api: Dockerode, target: EngineObject) => Promise<unknown>,
): Promise<void> {
  await storedKeysAgreed(services, context);
  const { api } = await services.engines.client(context);
  const names = targets.map((target) => target.name);
  await services.engines.guard.run({ context, ...action, targets: names, source: 'ui' }, async () => {
    try {
      const outcomes = await mapWithConcurrency(targets, concurrency, async (target) => {
        try {
          await perform(api, target);
          return undefined;
        } catch (error) {
          return `${target.name}: ${engineFailure(error, context, services.settings).message}`;
        }
      });
      const failures = outcomes.filter((outcome) => outcome !== undefined);
      services.log.info(`${action.operation} on "${context.name}": ${names.length - failures.length} of ${names.length} done (${names.join(', ')})`);
      if (failures.length > 0) throw new Error(`${action.operation} failed for ${failures.length} of ${names.length}: ${failures.join('; ')}`);
    } finally {
      services.browser.refresh(context);
    }
  });
}
