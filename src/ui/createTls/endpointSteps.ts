/**
 * The first steps of "Create TLS Context": name, host, port, description and tier. Each
 * validates as the Docker CLI would (the name) or as a connection needs (host, port).
 */
import { isIP } from 'node:net';
import { contextNameProblem } from '../../core/contexts/contextNames';
import type { ContextStore } from '../../core/contexts/contextStore';
import { compileTierRules, tiers, type Tier } from '../../core/contexts/tiers';
import { tierBadges } from '../contextPresentation';
import { Back, type Prompts } from '../prompts';
import type { Settings } from '../settings';
import type { WizardStep } from '../wizard';
import type { TlsContextDraft } from './tlsContextDraft';

const title = 'Create TLS Context';
const hostNamePattern = /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*\.?$/;

export function hostProblem(host: string): string | undefined {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (bare === '') return 'The engine host is required';
  if (isIP(bare) || hostNamePattern.test(bare)) return undefined;
  return `"${host}" is neither a DNS name nor an IP address (no scheme or port here: the port comes next)`;
}

type TextField = 'name' | 'host' | 'port' | 'description';

function textStep(
  prompts: Prompts,
  field: TextField,
  question: { prompt: string; placeholder?: string; validate?: (value: string) => string | undefined | Promise<string | undefined> },
): WizardStep<TlsContextDraft> {
  return async (draft, position) => {
    const answer = await prompts.inputStep({ title, ...position, value: draft[field], ...question });
    if (answer === undefined) return 'cancel';
    if (answer === Back) return 'back';
    draft[field] = answer.trim();
    return 'next';
  };
}

export function endpointSteps(prompts: Prompts, store: ContextStore, settings: Settings): WizardStep<TlsContextDraft>[] {
  const exists = (name: string) => store.get(name).then(() => true, () => false);
  return [
    textStep(prompts, 'name', {
      prompt: 'Context name, as docker context ls will show it',
      placeholder: 'prod-eu',
      validate: async (value) => contextNameProblem(value.trim()) ?? ((await exists(value.trim())) ? `A context named "${value.trim()}" already exists` : undefined),
    }),
    textStep(prompts, 'host', { prompt: 'Engine host: DNS name or IP address', placeholder: 'docker.example.com', validate: (value) => hostProblem(value.trim()) }),
    textStep(prompts, 'port', {
      prompt: 'Engine TLS port (Docker uses 2376 for TLS)',
      validate: (value) => (/^\d+$/.test(value.trim()) && Number(value) >= 1 && Number(value) <= 65535 ? undefined : 'A port number from 1 to 65535'),
    }),
    textStep(prompts, 'description', { prompt: 'Description (optional)' }),
    async (draft, position) => {
      const suggested = compileTierRules(settings.tierRules())({ name: draft.name, storedTier: null, transport: 'tls' }).tier;
      const items = tiers.map((tier) => ({ label: tier, description: `${tierBadges[tier]}${tier === suggested ? ' · suggested by its name and settings' : ''}` }));
      const picked = await prompts.pickStep(items, { title, ...position, placeholder: 'Environment tier', active: items.find((item) => item.label === (draft.tier ?? suggested)) });
      if (picked === undefined) return 'cancel';
      if (picked === Back) return 'back';
      draft.tier = picked.label as Tier;
      return 'next';
    },
  ];
}
