/**
 * The context quick pick: the switcher, and how palette commands ask "which context?" when no
 * tree item was clicked. Current first, then the `docker context ls` order; tiers as badges,
 * production and insecure endpoints marked, latency or "unreachable" once a probe has said;
 * matches on name, endpoint and tier. With nothing to pick, it says why instead of an empty list.
 */
import type * as vscode from 'vscode';

import { redactCredentials } from '../../core/audit/redact';
import type { ListedContext } from '../../core/contexts/contextList';
import { securityFindings } from '../../core/contexts/securityFindings';
import { labelText } from '../../core/text/foreignText';
import type { ContextsModel } from '../state/contextsModel';
import type { HealthState } from '../state/engines';
import { type ContextCondition, contextConditions, contextFacts } from '../views/contextConditions';
import { healthLabel, insecureNote, isInsecure, tierBadges } from '../views/contextPresentation';
import type { Prompts } from './prompts';
import { UserCancelled } from './userCancelled';

interface ContextPickItem extends vscode.QuickPickItem {
  context: ListedContext;
}

export interface PickerServices {
  model: ContextsModel;
  prompts: Prompts;
  engines: { healthOf(name: string): HealthState };
  certificates: { of(name: string): { caKeyHeld: boolean } | undefined };
}

export async function pickContext(
  { model, prompts, engines, certificates }: PickerServices,
  options: { title: string; placeholder: string; condition: ContextCondition; none: string },
): Promise<ListedContext> {
  const list = model.list ?? (await model.refresh());
  const candidates = list.contexts.filter((context) => contextConditions[options.condition](contextFacts(context, certificates.of(context.name))));
  if (candidates.length === 0) {
    prompts.notify(`${options.title}: no context ${options.none}.`);
    throw new UserCancelled();
  }
  const ordered = [...candidates.filter((context) => context.current), ...candidates.filter((context) => !context.current)];
  const items: ContextPickItem[] = ordered.map((context) => ({
    context,
    label: `${context.current ? '$(pass-filled)' : context.tier === 'production' || isInsecure(context) ? '$(warning)' : '$(circle-large-outline)'} ${labelText(context.name)}`,
    description: [tierBadges[context.tier], insecureNote(context), context.current ? 'current' : '', healthLabel(engines.healthOf(context.name))]
      .filter(Boolean)
      .join(' · '),
    detail: labelText([redactCredentials(context.host), context.error ?? securityFindings(context)[0]?.message].filter(Boolean).join(' — ')),
  }));
  const picked = await prompts.pick(items, {
    title: options.title,
    placeHolder: options.placeholder,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) throw new UserCancelled();
  return picked.context;
}
