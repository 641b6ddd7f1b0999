/**
 * "Prune" on a group: lists what `docker <kind> prune` would remove (stopped containers,
 * dangling images, unused volumes, unused custom networks), names exactly those as the guard
 * request's targets, and removes exactly those, one by one — so what the guard (and the person
 * it asked) saw is what goes, even if more became prunable while the question was open.
 * Nothing to prune: it says so and sends nothing.
 */
import * as vscode from 'vscode';

import { boundedFetch, ListingStopped, maxListingBytes } from '../../core/engine/boundedListing';
import { messageText } from '../../core/text/foreignText';
import { storedKeysAgreed } from '../prompts/storedKeysConsent';
import { engineFailure } from '../views/browse/engineFailure';
import { groupArgument } from './browseArguments';
import type { CommandServices } from './commandServices';
import { runGuarded } from './guardedAction';

export async function pruneGroup(services: CommandServices, clicked?: unknown): Promise<void> {
  const group = groupArgument(clicked);
  const { context, kind } = group;
  await storedKeysAgreed(services, context);
  const { api } = await services.engines.client(context);
  const fetch = boundedFetch(api, { deadlineMs: services.settings.engineTimeouts().requestMs, maxBytes: maxListingBytes });
  const candidates = await kind.pruneCandidates(fetch).catch((error: unknown) => {
    if (error instanceof ListingStopped) throw error;
    throw engineFailure(error, context, services.settings);
  });
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(messageText(`No ${kind.prunable} on "${context.name}": nothing to prune.`));
    return;
  }
  await runGuarded(services, group, { operation: `${kind.id} prune`, operationClass: 'destroy', doing: 'Removing' }, candidates, (engine, object) =>
    kind.remove(engine, object),
  );
}
