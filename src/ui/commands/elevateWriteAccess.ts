/**
 * "Elevate Write Access…" (status bar, a production row, the palette, the offer after a refusal):
 * opens write access to a context for a while, with a reason — the break-glass of read-only
 * production. Asks the reason (required), the duration (5, 15 or 60 minutes, or a custom one up
 * to guard.maxElevationMinutes), then the context's name typed. The elevation holds in every
 * window and terminal of this user, and ends by itself.
 */
import { redactCredentials } from '../../core/audit/redact';
import type { ListedContext } from '../../core/contexts/contextList';
import { formatDuration, parseDuration } from '../../core/guard/elevations';
import { showControls } from '../../core/text/foreignText';
import { UserCancelled } from '../prompts/userCancelled';
import type { CommandServices } from './commandServices';
import { contextArgument } from './contextArgument';

const customLabel = 'Custom…';

export async function elevateWriteAccess(services: CommandServices, clicked?: ListedContext): Promise<void> {
  const { prompts, elevations, settings } = services;
  const context = await contextArgument(
    services,
    clicked,
    'Elevate Write Access',
    'storedUsable',
    'can be elevated: the default context and contexts in error cannot',
  );
  const open = elevations.of(context);
  const title = `Elevate Write Access: "${showControls(context.name)}" (${context.tier})`;
  const reason = await prompts.input({
    title,
    prompt: 'Why? A ticket, an incident, a change: it goes into the audit log with every change made while write access is open.',
    value: open?.reason,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : 'A reason is required'),
  });
  if (!reason?.trim()) throw new UserCancelled();
  const maxMinutes = settings.guardSettings().maxElevationMinutes;
  // The default first (Enter takes it), then the others.
  const choices = [15, 5, 60].filter((minutes) => minutes <= maxMinutes).map((minutes) => ({ label: `${minutes} minutes`, seconds: minutes * 60 }));
  const picked = await prompts.pick([...choices, { label: customLabel, seconds: 0, description: `up to ${formatDuration(maxMinutes * 60)}` }], {
    title,
    placeHolder: 'For how long?',
  });
  if (!picked) throw new UserCancelled();
  const seconds = picked.label === customLabel ? await customDuration(services, title, maxMinutes) : picked.seconds;
  const confirmed = await prompts.typeNameToConfirm(
    context.name,
    `Open write access to "${showControls(context.name)}" for ${formatDuration(seconds)}?`,
    `${context.tier} engine ${showControls(redactCredentials(context.host))}; changes are then asked as on any remote engine, in every window and terminal. Reason: ${showControls(reason.trim())}.`,
    'Elevate',
  );
  if (!confirmed) throw new UserCancelled();
  const elevation = await elevations.elevate(context, reason, seconds);
  prompts.notify(`Write access to "${context.name}" is open for ${formatDuration(seconds)}, until ${new Date(elevation.until).toLocaleTimeString()}.`);
}

async function customDuration({ prompts }: CommandServices, title: string, maxMinutes: number): Promise<number> {
  const limit = maxMinutes * 60;
  const text = await prompts.input({
    title,
    prompt: `How long: 90s, 20m, 1h30m (at most ${formatDuration(limit)}, dockerContextGuard.guard.maxElevationMinutes)`,
    ignoreFocusOut: true,
    validateInput: (value) => {
      const seconds = parseDuration(value);
      if (seconds === undefined || seconds <= 0) return 'A duration like 90s, 20m or 1h30m';
      return seconds > limit ? `At most ${formatDuration(limit)}` : undefined;
    },
  });
  const seconds = text === undefined ? undefined : parseDuration(text);
  if (!seconds || seconds > limit) throw new UserCancelled();
  return seconds;
}
