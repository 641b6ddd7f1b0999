/**
 * The first steps of "Create TLS Context": name, host, port, description and tier. Each
 * validates as the Docker CLI would (the name) or as a connection needs (host, port).
 */
import { isIP } from 'node:net';
import type { ContextReader } from '../../../core/contexts/contextStore';
import { nameStep, textStep, tierStep } from '../createContextSteps';
import type { Prompts } from '../../prompts/prompts';
import type { Settings } from '../../state/settings';
import type { WizardStep } from '../../prompts/wizard';
import type { TlsContextDraft } from './tlsContextDraft';

export const createTlsTitle = 'Create TLS Context';
const hostNamePattern = /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*\.?$/;

export function hostProblem(host: string): string | undefined {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (bare === '') return 'The engine host is required';
  if (isIP(bare) || hostNamePattern.test(bare)) return undefined;
  return `"${host}" is neither a DNS name nor an IP address (no scheme or port here: the port comes next)`;
}

export function endpointSteps(prompts: Prompts, store: ContextReader, settings: Settings): WizardStep<TlsContextDraft>[] {
  const title = createTlsTitle;
  return [
    nameStep<TlsContextDraft>(prompts, title, store),
    textStep<TlsContextDraft>(prompts, title, 'host', { prompt: 'Engine host: DNS name or IP address', placeholder: 'docker.example.com', validate: (value) => hostProblem(value.trim()) }),
    textStep<TlsContextDraft>(prompts, title, 'port', {
      prompt: 'Engine TLS port (Docker uses 2376 for TLS)',
      validate: (value) => (/^\d+$/.test(value.trim()) && Number(value) >= 1 && Number(value) <= 65535 ? undefined : 'A port number from 1 to 65535'),
    }),
    textStep<TlsContextDraft>(prompts, title, 'description', { prompt: 'Description (optional)' }),
    tierStep<TlsContextDraft>(prompts, title, settings, 'tls'),
  ];
}
