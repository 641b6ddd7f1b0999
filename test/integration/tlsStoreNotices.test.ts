/**
 * Successes are said: Export Keys to Docker CLI, Export Context and Import Context each end with
 * a notice naming what was written and where, in the real VS Code (the Prompts test API records
 * notices); the files it names are there.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

import * as vscode from 'vscode';

import type { ListedContext } from '../../src/core/contexts/contextList';
import type { ExtensionApi } from '../../src/extension';
import { dockerCli } from '../support/dockerCli';
import { loadHarnessInfo } from '../support/harnessInfo';
import { useTempDirs } from '../support/tempDir';

describe('TLS keys and archives: successes are said', () => {
  const info = loadHarnessInfo();
  const docker = dockerCli(info.dockerConfig);
  const tempDir = useTempDirs('tls-notices');
  const names = ['notice-tls', 'notice-imported'];
  let api: ExtensionApi;

  const listed = async (name: string) => (await api.contexts.refresh()).contexts.find((context) => context.name === name) as ListedContext;
  /** The notices a command added. */
  async function noticesOf(run: () => Thenable<unknown>): Promise<string[]> {
    const before = api.testing!.notices.length;
    await run();
    return api.testing!.notices.slice(before);
  }

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>('docker-context-guard.docker-context-guard')!.activate();
    const pem = (file: string) => path.join(info.tls.clientDir, file);
    await docker.ok('context', 'create', names[0], '--docker', `host=${info.tls.host},ca=${pem('ca.pem')},cert=${pem('cert.pem')},key=${pem('key.pem')}`);
  });

  after(async () => {
    for (const name of names) await docker.run('context', 'rm', '-f', name);
  });

  it('Export Keys to Docker CLI names the folder the keys went to', async () => {
    api.testing!.scriptAnswers([{ kind: 'confirm', button: 'Delete Files' }]);
    await vscode.commands.executeCommand('dockerContextGuard.moveKeysToSecretStorage', await listed(names[0]));
    assert.equal((await listed(names[0])).keysInSecretStorage, true);
    api.testing!.scriptAnswers([{ kind: 'confirm', button: 'Export Keys' }]);
    const said = await noticesOf(async () => vscode.commands.executeCommand('dockerContextGuard.exportKeysToDockerCli', await listed(names[0])));
    const tlsDir = path.join(JSON.parse(await docker.ok('context', 'inspect', names[0]))[0].Storage.TLSPath as string, 'docker');
    assert.deepEqual(said, [`Exported the TLS keys of "${names[0]}" to ${tlsDir}: docker --context ${names[0]} uses them in any terminal.`]);
    assert.ok(existsSync(path.join(tlsDir, 'key.pem')));
  });

  it('Export Context and Import Context name the archive, and what the import made', async () => {
    const file = path.join(await tempDir(), 'notice.dockercontext');
    api.testing!.scriptAnswers([
      { kind: 'files', paths: [file] },
      { kind: 'confirm', button: 'Export' },
    ]);
    const exported = await noticesOf(async () => vscode.commands.executeCommand('dockerContextGuard.exportContext', await listed(names[0])));
    assert.deepEqual(exported, [
      `Exported "${names[0]}" to ${file} (with its private TLS key: file mode 0600): docker context import NAME notice.dockercontext reads it.`,
    ]);
    assert.ok(existsSync(file));

    api.testing!.scriptAnswers([
      { kind: 'files', paths: [file] },
      { kind: 'input', value: names[1] },
      { kind: 'pick', label: 'Keys in VS Code SecretStorage' },
    ]);
    const imported = await noticesOf(() => vscode.commands.executeCommand('dockerContextGuard.importContext'));
    const context = await listed(names[1]);
    assert.deepEqual(imported, [`Imported "${names[1]}" from ${file} (tier ${context.tier}, its TLS keys in SecretStorage).`]);
    assert.equal(context.keysInSecretStorage, true);
  });
});
