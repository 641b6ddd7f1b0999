/**
 * The context quick pick: the switcher, and how palette commands ask "which context?" when no
 * tree item was clicked. Current first, then the `docker context ls` order; tiers as badges,
 * production and insecure endpoints marked; matches on name, endpoint and tier.
 */
import type * as vscode from 'vscode';
import type { ListedContext } from '../../core/contexts/contextList';
import { securityFindings } from '../../core/contexts/securityFindings';
import { UserCancelled } from './userCancelled';
import { isInsecure, tierBadges } from '../views/contextPresentation';
import { contextConditions, type ContextCondition } from '../views/contextConditions';
import type { ContextsModel } from '../state/contextsModel';
import type { Prompts } from './prompts';
import { labelText } from '../../core/text/foreignText';
import { redactCredentials } from '../../core/audit/redact';

interface ContextPickItem extends vscode.QuickPickItem {
  context: ListedContext;
}

export async function pickContext(
  model: ContextsModel,
  prompts: Prompts,
  options: { title: string; placeholder: string; condition: ContextCondition },
): Promise<ListedContext> {
  const list = model.list ?? (await model.refresh());
  const candidates = list.contexts.filter(contextConditions[options.condition]);
  const ordered = [...candidates.filter((context) => context.current), ...candidates.filter((context) => !context.current)];
  const items: ContextPickItem[] = ordered.map((context) => ({
    context,
    label: `${context.current ? '$(pass-filled)' : context.tier === 'production' || isInsecure(context) ? '$(warning)' : '$(circle-large-outline)'} ${labelText(context.name)}`,
    description: `${tierBadges[context.tier]}${context.current ? ' · current' : ''}`,
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
