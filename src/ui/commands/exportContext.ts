/**
 * "Export Context…": the `.dockercontext` archive `docker context export` would write (the
 * Docker CLI imports it), including the TLS keys: for keys held in SecretStorage that means a
 * private key in a file, so it asks first; the file is written 0600, never through a symlink.
 */
import * as os from 'node:os';
import * as path from 'node:path';

import * as vscode from 'vscode';

import { writeFileAtomic } from '../../core/atomicFile';
import { exportContextArchive } from '../../core/contexts/archive/exportContextArchive';
import type { ListedContext } from '../../core/contexts/contextList';
import { storedKeysAgreed } from '../prompts/storedKeysConsent';
import { UserCancelled } from '../prompts/userCancelled';
import type { CommandServices } from './commandServices';
import { contextArgument } from './contextArgument';

export async function exportContext(services: CommandServices, clicked?: ListedContext): Promise<void> {
  const { model, prompts, log } = services;
  const context = await contextArgument(
    services,
    clicked,
    'Export Docker Context',
    'storedUsable',
    'can be exported: the default context and contexts in error cannot',
  );
  const file = await prompts.saveFile({
    title: `Export "${context.name}" as a .dockercontext archive`,
    defaultUri: vscode.Uri.file(path.join(os.homedir(), `${context.name}.dockercontext`)),
    filters: { 'Docker context': ['dockercontext', 'tar'] },
  });
  if (!file) throw new UserCancelled();
  const keys = await storedKeysAgreed(services, context);
  if (context.keysInSecretStorage && !keys) throw new Error(`SecretStorage holds no TLS keys for "${context.name}"`);
  const carriesKey = Boolean(keys) || context.tls.key;
  if (
    carriesKey &&
    !(await prompts.confirm(
      `The archive of "${context.name}" contains its private TLS key.`,
      `Anyone with ${file} can use this engine. Keep it like a password.`,
      'Export',
    ))
  ) {
    throw new UserCancelled();
  }
  await writeFileAtomic(file, await exportContextArchive(model.reader, context.name, keys), { secret: true });
  log.info(`Exported "${context.name}" to ${file}`);
  prompts.notify(
    `Exported "${context.name}" to ${file}${carriesKey ? ' (with its private TLS key: file mode 0600)' : ''}: docker context import NAME ${path.basename(file)} reads it.`,
  );
}
