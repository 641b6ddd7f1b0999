/**
 * How every mutating browse action reaches an engine: ONE guard request naming all its
 * targets, then the action on each target (a few at a time), then a fresh list of that context
 * only. A declined guard throws GuardDeclined before anything is sent; failures of single
 * targets do not stop the others and are reported together at the end.
 *
 * While it runs its rows are busy (busyObjects.ts): they say what is happening, the view shows
 * its progress, and a second action on a busy row sends nothing for it and says so.
 */
import type Dockerode from 'dockerode';

import { mapWithConcurrency } from '../../core/concurrency';
import type { ListedContext } from '../../core/contexts/contextList';
import type { GuardRequest, OperationClass } from '../../core/guard/guard';
import { storedKeysAgreed } from '../prompts/storedKeysConsent';
import { engineFailure } from '../views/browse/engineFailure';
import type { EngineObject, ObjectKind } from '../views/browse/objectKind';
import type { CommandServices } from './commandServices';

/** Requests in flight per bulk action: a stop can take 10 s, and the client pools 16 sockets. */
const concurrency = 8;

export interface GuardedAction {
  /** As the docker CLI says it: `container stop`, `image rm`, `volume prune`… */
  operation: string;
  operationClass: Exclude<OperationClass, 'read'>;
  /** What a busy row says while it runs: `Stopping`, `Removing`… */
  doing: string;
  /** The targets it kills because they run (a container removed with force): the question says so. */
  kills?: (target: EngineObject) => boolean;
}

/** Where the targets are: a tree node's context and kind. */
export interface ActionPlace {
  context: ListedContext;
  kind: ObjectKind;
}

export async function runGuarded(
  services: CommandServices,
  { context, kind }: ActionPlace,
  action: GuardedAction,
  targets: readonly EngineObject[],
  perform: (api: Dockerode, target: EngineObject) => Promise<unknown>,
): Promise<void> {
  const claim = services.browser.busy.claim(context, kind.id, targets, action.doing);
  try {
    if (claim.busy.length > 0) {
      const held = claim.busy.map(({ object, doing }) => `${object.name} (${doing.toLowerCase()})`).join(', ');
      services.prompts.notify(`Still busy on "${context.name}": ${held}. Nothing more was sent for ${claim.busy.length === 1 ? 'it' : 'them'}.`);
    }
    if (claim.taken.length === 0) return;
    await storedKeysAgreed(services, context);
    const { api } = await services.engines.client(context);
    const names = claim.taken.map((target) => target.name);
    const killed = action.kills ? claim.taken.filter(action.kills).map((target) => target.name) : [];
    const request: GuardRequest = {
      context,
      operation: action.operation,
      operationClass: action.operationClass,
      targets: names,
      ...(killed.length > 0 ? { kills: killed } : {}),
      source: 'ui',
    };
    const what = names.length === 1 ? names[0] : `${names.length} ${kind.id}s`;
    await services.engines.guard.run(request, () =>
      claim.showWhile(`${action.doing} ${what} on "${context.name}"`, async () => {
        try {
          const outcomes = await mapWithConcurrency(claim.taken, concurrency, async (target) => {
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
          claim.release();
          services.browser.refresh(context);
        }
      }),
    );
  } finally {
    claim.release();
  }
}
