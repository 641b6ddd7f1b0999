/**
 * Steps shared by the flows that create a context (TLS and SSH): its name (validated like the
 * Docker CLI, and unique), free-text fields, and its environment tier (suggested from the name
 * and settings, as the tree would resolve it).
 */
import { contextNameProblem } from '../../core/contexts/contextNames';
import type { ContextReader } from '../../core/contexts/contextStore';
import type { Transport } from '../../core/contexts/endpoint';
import { compileTierRules, tiers, type Tier } from '../../core/contexts/tiers';
import { tierBadges } from '../views/contextPresentation';
import { Back, type Prompts } from '../prompts/prompts';
import type { Settings } from '../state/settings';
import type { WizardStep } from '../prompts/wizard';

type StringFields<Draft> = { [K in keyof Draft]: Draft[K] extends string ? K : never }[keyof Draft];

export function textStep<Draft>(
  prompts: Prompts,
  title: string,
  field: StringFields<Draft>,
  question: { prompt: string; placeholder?: string; validate?: (value: string) => string | undefined | Promise<string | undefined> },
): WizardStep<Draft> {
  return async (draft, position) => {
    const answer = await prompts.inputStep({ title, ...position, value: draft[field] as string, ...question });
    if (answer === undefined) return 'cancel';
    if (answer === Back) return 'back';
    (draft[field] as string) = answer.trim();
    return 'next';
  };
}

/** Why `name` cannot name a new context: not a name docker accepts, or taken. */
export async function newContextNameProblem(store: ContextReader, name: string): Promise<string | undefined> {
  const problem = contextNameProblem(name);
  if (problem) return problem;
  return (await store.get(name).then(() => true, () => false)) ? `A context named "${name}" already exists` : undefined;
}

export function nameStep<Draft extends { name: string }>(prompts: Prompts, title: string, store: ContextReader): WizardStep<Draft> {
  return textStep<Draft>(prompts, title, 'name' as StringFields<Draft>, {
    prompt: 'Context name, as docker context ls will show it',
    placeholder: 'prod-eu',
    validate: (value) => newContextNameProblem(store, value.trim()),
  });
}

export function tierStep<Draft extends { name: string; tier: Tier | undefined }>(
  prompts: Prompts,
  title: string,
  settings: Settings,
  transport: Transport,
): WizardStep<Draft> {
  return async (draft, position) => {
    const suggested = compileTierRules(settings.tierRules())({ name: draft.name, storedTier: null, transport }).tier;
    const items = tiers.map((tier) => ({ label: tier, description: `${tierBadges[tier]}${tier === suggested ? ' · suggested by its name and settings' : ''}` }));
    const picked = await prompts.pickStep(items, { title, ...position, placeholder: 'Environment tier', active: items.find((item) => item.label === (draft.tier ?? suggested)) });
    if (picked === undefined) return 'cancel';
    if (picked === Back) return 'back';
    draft.tier = picked.label as Tier;
    return 'next';
  };
}
