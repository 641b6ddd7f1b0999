/** "Refresh" on a group: lists that context's engine again (its other contexts are left alone). */
import { storedKeysAgreed } from '../prompts/storedKeysConsent';
import { groupArgument } from './browseArguments';
import type { CommandServices } from './commandServices';

export async function refreshGroup(services: CommandServices, clicked?: unknown): Promise<void> {
  const { context } = groupArgument(clicked);
  // The user asked to reach this engine: keys bound to another endpoint are asked about here.
  await storedKeysAgreed(services, context);
  services.browser.refresh(context);
}
