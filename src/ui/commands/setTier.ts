/**
 * "Set Environment Tier…": stores the tier in the context's own metadata, where the Docker CLI
 * keeps it (it travels with `docker context export`), or clears it so settings and name rules apply.
 */
import type { ListedContext } from '../../core/contexts/contextList';
import { type Tier, tiers } from '../../core/contexts/tiers';
import { UserCancelled } from '../prompts/userCancelled';
import { tierBadges } from '../views/contextPresentation';
import type { CommandServices } from './commandServices';
import { contextArgument } from './contextArgument';

const clearLabel = 'Clear';

export async function setTier(services: CommandServices, clicked?: ListedContext): Promise<void> {
  const context = await contextArgument(
    services,
    clicked,
    'Set Environment Tier',
    'storedUsable',
    'can take a tier: the default context and contexts in error cannot',
  );
  const items = [
    ...tiers.map((tier) => ({ label: tier, description: `${tierBadges[tier]}${context.storedTier === tier ? ' · stored now' : ''}` })),
    { label: clearLabel, description: 'Remove the stored tier: settings and name rules decide' },
  ];
  const picked = await services.prompts.pick(items, { title: `Environment tier of "${context.name}"`, placeHolder: `Now: ${context.tier}` });
  if (!picked) throw new UserCancelled();
  await services.model.setTier(context.name, picked.label === clearLabel ? null : (picked.label as Tier));
}
