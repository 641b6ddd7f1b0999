/**
 * "Import Context…": a `.dockercontext` archive (tar, or zip) as `docker context export` writes
 * it. It is checked whole before anything is written (size, entry names and types, meta.json);
 * a refused archive writes nothing. Its TLS keys go to SecretStorage unless the user chooses the
 * Docker CLI's store.
 */
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';

import { maxArchiveBytes } from '../../core/contexts/archive/archiveLayout';
import { assessImportTier } from '../../core/contexts/archive/importTier';
import { readContextArchive } from '../../core/contexts/archive/readContextArchive';
import { newContextNameProblem, suggestContextName } from '../../core/contexts/contextNames';
import type { KeysLocation } from '../../core/contexts/tls/tlsKeyStore';
import { UserCancelled } from '../prompts/userCancelled';
import type { CommandServices } from './commandServices';

const toSecretStorage = 'Keys in VS Code SecretStorage';
const toDockerStore = 'Keys in the Docker CLI store';

export async function importContext(services: CommandServices): Promise<void> {
  const { model, prompts, log, settings } = services;
  const [file] =
    (await prompts.openFiles({
      title: 'Import a .dockercontext archive',
      canSelectFiles: true,
      canSelectMany: false,
      filters: { 'Docker context': ['dockercontext', 'tar', 'zip'] },
    })) ?? [];
  if (!file) throw new UserCancelled();
  if ((await stat(file)).size > maxArchiveBytes) throw new Error(`${file} is larger than ${maxArchiveBytes >> 20} MiB: not a context archive`);
  const archive = readContextArchive(await readFile(file));
  const wanted = typeof archive.meta.Name === 'string' ? archive.meta.Name : path.basename(file).replace(/\.[^.]+$/, '');
  const name = await prompts.input({
    title: 'Import Docker Context',
    prompt: 'Name of the imported context',
    value: await suggestContextName(model.reader, wanted),
    validateInput: async (value) => (await newContextNameProblem(model.reader, value))?.message,
  });
  if (!name) throw new UserCancelled();
  let keysIn: KeysLocation = 'secretStorage';
  if (Object.keys(archive.tls).length > 0) {
    const picked = await prompts.pick(
      [
        { label: toSecretStorage, description: 'recommended: no key file on disk' },
        { label: toDockerStore, description: 'the docker CLI can use it at once' },
      ],
      {
        title: `Where should the TLS keys of "${name}" go?`,
      },
    );
    if (!picked) throw new UserCancelled();
    keysIn = picked.label === toDockerStore ? 'dockerCli' : 'secretStorage';
  }
  const assessed = assessImportTier(archive, name, settings.tierRules());
  const keepLaxerTier =
    assessed.lowers &&
    (await prompts.confirm(
      `The archive marks "${name}" as ${assessed.carried}`,
      `Its name and your settings make it ${assessed.derived}. Keep the archive's laxer tier?`,
      `Keep ${assessed.carried}`,
    ));
  const { tls, tier } = await model.importArchive(name, archive, { keysIn, keepLaxerTier });
  const keys = Object.keys(archive.tls).length === 0 ? '' : tls ? ', its TLS keys in SecretStorage' : `, its TLS keys in ${model.tlsFiles.describe(name)}`;
  log.info(`Imported "${name}" from ${file}${tls ? ' (keys in SecretStorage)' : ''}`);
  prompts.notify(`Imported "${name}" from ${file} (tier ${tier.tier}${keys}).`);
}
