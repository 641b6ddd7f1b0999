/**
 * Switching onto production from the UI is as deliberate as in a terminal: there the guard asks
 * y/N before `docker context use` onto a production context, so here a modal names the context,
 * its tier, its engine and what the switch changes, and nothing is switched unless the user says
 * so (`guard.confirmSwitchToProduction`). Production by the user's own rules counts too: a
 * workspace's tiers cannot lower a context and slip the question.
 */
import { redactCredentials } from '../../core/audit/redact';
import type { ListedContext } from '../../core/contexts/contextList';
import { showControls } from '../../core/text/foreignText';
import type { Settings } from '../state/settings';
import { switchReach } from '../state/terminalEnvironment';
import { productionByAnyRules } from '../views/contextPresentation';
import type { Prompts } from './prompts';
import { UserCancelled } from './userCancelled';

export const switchToProductionButton = 'Switch to Production';

export async function confirmProductionSwitch(settings: Settings, prompts: Prompts, context: ListedContext): Promise<void> {
  if (context.current || !settings.confirmSwitchToProduction() || !productionByAnyRules(context, settings.userTierRules())) return;
  const detail = [
    `Context: ${showControls(context.name)} (production)`,
    `Engine: ${showControls(redactCredentials(context.host ?? ''))}`,
    `Changes: ${switchReach(settings.switchScope())}`,
    'docker commands there go to this production engine; the guard still asks before each change.',
  ].join('\n');
  if (!(await prompts.confirm(`Switch to production context "${context.name}"?`, detail, switchToProductionButton))) throw new UserCancelled();
}
