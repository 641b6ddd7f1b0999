/**
 * "Create SSH Context": name, SSH target (an alias from ~/.ssh/config, or user@host[:port]),
 * description and tier; then it connects — checking the host key, asking about an unknown one
 * with its fingerprint — and saves the context only once `docker` answered over SSH.
 */
import { readFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

import * as vscode from 'vscode';

import type { ListedContext } from '../../core/contexts/contextList';
import type { Tier } from '../../core/contexts/tiers';
import { sshHostAliases } from '../../core/engine/ssh/sshHostAliases';
import { sshTargetProblem } from '../../core/engine/ssh/sshTarget';
import { messageText } from '../../core/text/foreignText';
import { nameStep, textStep, tierStep } from '../createContext/createContextSteps';
import { Back } from '../prompts/prompts';
import { UserCancelled } from '../prompts/userCancelled';
import { runWizard } from '../prompts/wizard';
import type { CommandServices } from './commandServices';

const title = 'Create SSH Context';
const enterTarget = 'Enter user@host[:port]…';

interface SshDraft {
  name: string;
  target: string;
  description: string;
  tier: Tier | undefined;
}

export async function createSshContext(services: CommandServices): Promise<void> {
  const { prompts, model, settings, engines, log } = services;
  const configText = await readFile(path.join(process.env.HOME || os.homedir(), '.ssh', 'config'), 'utf8').catch(() => '');
  const aliases = sshHostAliases(configText);
  const draft: SshDraft = { name: '', target: '', description: '', tier: undefined };
  const completed = await runWizard(draft, [
    nameStep<SshDraft>(prompts, title, model.reader),
    {
      applies: () => aliases.length > 0,
      ask: async (state, position) => {
        const items = [...aliases.map((alias) => ({ label: alias, description: 'from ~/.ssh/config' })), { label: enterTarget, description: '' }];
        const picked = await prompts.pickStep(items, { title, ...position, placeholder: 'SSH host' });
        if (picked === undefined) return 'cancel';
        if (picked === Back) return 'back';
        state.target = picked.label === enterTarget ? '' : picked.label;
        return 'next';
      },
    },
    {
      ...textStep<SshDraft>(prompts, title, 'target', {
        prompt: 'SSH target: user@host[:port] (or an alias from ~/.ssh/config)',
        placeholder: 'deploy@docker.example.com',
        validate: (value) => sshTargetProblem(value.trim(), aliases),
      }),
      applies: (state) => !aliases.includes(state.target),
    },
    textStep<SshDraft>(prompts, title, 'description', { prompt: 'Description (optional)' }),
    tierStep<SshDraft>(prompts, title, settings, 'ssh'),
  ]);
  if (!completed) throw new UserCancelled();

  const host = `ssh://${draft.target}`;
  const candidate: ListedContext = {
    name: draft.name,
    description: draft.description,
    host,
    transport: 'ssh',
    skipTLSVerify: false,
    tls: { ca: false, cert: false, key: false },
    storedTier: draft.tier ?? null,
    keysInSecretStorage: false,
    isDefault: false,
    error: null,
    current: false,
    missing: false,
    tier: draft.tier ?? 'development',
    tierSource: 'metadata',
  };
  const health = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Connecting to ${draft.target} over SSH…` }, () =>
    engines.probeOnce(candidate),
  );
  if (!health.reachable) throw new Error(`"${draft.name}" was not saved: ${health.error}`);
  await model.create({ name: draft.name, description: draft.description, host, tier: draft.tier });
  log.info(`Created SSH context "${draft.name}" (${host}): Docker ${health.serverVersion}`);
  void vscode.window.showInformationMessage(messageText(`Created "${draft.name}": Docker ${health.serverVersion} answers over SSH (${health.latencyMs} ms).`));
}
