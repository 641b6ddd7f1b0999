/**
 * The first steps of "Create TLS Context": name, host, port, description and tier. Each
 * validates as the Docker CLI would (the name) or as a connection needs (host, port), with the
 * checks core keeps for every flow.
 */
import { hostNameProblem } from '../../../core/certificates/hostNames';
import type { ContextReader } from '../../../core/contexts/contextStore';
import { portProblem } from '../../../core/contexts/portNumber';
import type { Prompts } from '../../prompts/prompts';
import type { WizardStep } from '../../prompts/wizard';
import type { Settings } from '../../state/settings';
import { nameStep, textStep, tierStep } from '../createContextSteps';
import type { TlsContextDraft } from './tlsContextDraft';

export const createTlsTitle = 'Create TLS Context';

export function endpointSteps(prompts: Prompts, store: ContextReader, settings: Settings): WizardStep<TlsContextDraft>[] {
  const title = createTlsTitle;
  return [
    nameStep<TlsContextDraft>(prompts, title, store),
    textStep<TlsContextDraft>(prompts, title, 'host', {
      prompt: 'Engine host: DNS name or IP address',
      placeholder: 'docker.example.com',
      validate: (value) => hostNameProblem(value.trim()),
    }),
    textStep<TlsContextDraft>(prompts, title, 'port', { prompt: 'Engine TLS port (Docker uses 2376 for TLS)', validate: (value) => portProblem(value.trim()) }),
    textStep<TlsContextDraft>(prompts, title, 'description', { prompt: 'Description (optional)' }),
    tierStep<TlsContextDraft>(prompts, title, settings, 'tls'),
  ];
}
