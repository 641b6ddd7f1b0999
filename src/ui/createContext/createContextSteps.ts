/**
 * Steps shared by the flows that create a context (TLS and SSH): its name (checked as the Docker
 * CLI checks a new name, and never suggesting a taken one), free-text fields, and its environment
 * tier (suggested from the name and settings, as the tree would resolve it).
 */
import { newContextNameProblem, suggestContextName } from '../../core/contexts/contextNames';
import type { ContextReader } from '../../core/contexts/contextStore';
import type { Transport } from '../../core/contexts/endpoint';
import { compileTierRules, type Tier, tiers } from '../../core/contexts/tiers';
import { Back, type Prompts } from '../prompts/prompts';
import type { WizardStep } from '../prompts/wizard';
import type { Settings } from '../state/settings';
import { tierBadges } from '../views/contextPresentation';

type StringFields<Draft> = { [K in keyof Draft]: Draft[K] extends string ? K : never }[keyof Draft];

export function textStep<Draft>(
  prompts: Prompts,
  title: string,
  field: StringFields<Draft>,
  question: { prompt: string; placeholder?: string; validate?: (value: string) => string | undefined | Promise<string | undefined> },
): WizardStep<Draft> {
  return {
    ask: async (draft, position) => {
      const answer = await prompts.inputStep({ title, ...position, value: draft[field] as string, ...question });
      if (answer === undefined) return 'cancel';
      if (answer === Back) return 'back';
      (draft[field] as string) = answer.trim();
      return 'next';
    },
  };
}

export function nameStep<Draft extends { name: string }>(prompts: Prompts, title: string, store: ContextReader): WizardStep<Draft> {
  return {
    ask: async (draft, position) =>
      textStep<Draft>(prompts, title, 'name' as StringFields<Draft>, {
        prompt: 'Context name, as docker context ls will show it',
        placeholder: await suggestContextName(store, 'prod-eu'),
        validate: async (value) => (await newContextNameProblem(store, value.trim()))?.message,
      }).ask(draft, position),
  };
}

export function tierStep<Draft extends { name: string; tier: Tier | undefined }>(
  prompts: Prompts,
  title: string,
  settings: Settings,
  transport: Transport,
): WizardStep<Draft> {
  return {
    ask: async (draft, position) => {
      const suggested = compileTierRules(settings.tierRules())({ name: draft.name, storedTier: null, transport }).tier;
      const items = tiers.map((tier) => ({
        label: tier,
        description: `${tierBadges[tier]}${tier === suggested ? ' · suggested by its name and settings' : ''}`,
      }));
      const picked = await prompts.pickStep(items, {
        title,
        ...position,
        placeholder: 'Environment tier',
        active: items.find((item) => item.label === (draft.tier ?? suggested)),
      });
      if (picked === undefined) return 'cancel';
      if (picked === Back) return 'back';
      draft.tier = picked.label as Tier;
      return 'next';
    },
  };
}
