/**
 * TLS keys between the Docker CLI's store and SecretStorage, in the real VS Code: moving keys out
 * of the store deletes the files and the engine still answers (from SecretStorage, in memory);
 * switching to such a context says the docker CLI cannot use it yet; exporting writes them back 0600 so the docker CLI works again; removing the context removes
 * its secrets.
 */
import * as assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';

import * as vscode from 'vscode';

import type { ListedContext } from '../../src/core/contexts/contextList';
import type { ExtensionApi } from '../../src/extension';
import { dockerCli } from '../support/dockerCli';
import { loadHarnessInfo } from '../support/harnessInfo';

describe('TLS keys: SecretStorage and the Docker CLI store', () => {
  const info = loadHarnessInfo();
  const docker = dockerCli(info.dockerConfig);
  const name = 'keys-tls';
  let api: ExtensionApi;

  const context = async () => ((await api.tree.getChildren()) as ListedContext[]).find((candidate) => candidate.name === name)!;
  const tlsDir = async () => JSON.parse(await docker.ok('context', 'inspect', name))[0].Storage.TLSPath as string;

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>('docker-context-guard.docker-context-guard')!.activate();
    const pem = (file: string) => path.join(info.tls.clientDir, file);
    await docker.ok('context', 'create', name, '--docker', `host=${info.tls.host},ca=${pem('ca.pem')},cert=${pem('cert.pem')},key=${pem('key.pem')}`);
    await api.contexts.refresh();
  });

  after(() => docker.run('context', 'rm', '-f', name));

  it('"Move Keys to SecretStorage" stores them and, once confirmed, deletes the files; the engine still answers', async () => {
    const dir = path.join(await tlsDir(), 'docker');
    assert.ok(existsSync(path.join(dir, 'key.pem')));
    api.testing!.scriptAnswers([{ kind: 'confirm', button: 'Delete Files' }]);
    await vscode.commands.executeCommand('dockerContextGuard.moveKeysToSecretStorage', await context());
    assert.ok(!existsSync(dir), 'the TLS files are gone from disk');
    const moved = await context();
    assert.equal(moved.keysInSecretStorage, true);
    assert.equal(moved.transport, 'tls');
    assert.match((await api.testing!.secretsOf(name))?.keyPem ?? '', /PRIVATE KEY/);
    await vscode.commands.executeCommand('dockerContextGuard.refresh');
    const health = api.engines.healthOf(name);
    assert.ok(typeof health === 'object' && health.reachable, JSON.stringify(health));
    assert.notEqual((await docker.run('--context', name, 'version')).code, 0, 'the docker CLI has no keys now');
  });

  it('"Use" says once that the docker CLI cannot use those keys, and its button leads to the export', async () => {
    const asked = api.testing!.asked;
    const before = asked.length;
    // The notice's button, then the export's own question, declined.
    api.testing!.scriptAnswers([
      { kind: 'confirm', button: 'Export Keys to Docker CLI…' },
      { kind: 'confirm', button: undefined },
    ]);
    try {
      await vscode.commands.executeCommand('dockerContextGuard.useContext', await context());
      for (let waited = 0; asked.length < before + 2 && waited < 3000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.match(asked[before]?.title ?? '', /keeps its TLS keys in VS Code's SecretStorage.*docker in a terminal has none/);
      assert.match(asked[before + 1]?.title ?? '', /Write the TLS keys of "keys-tls" to disk/);
      assert.equal((await context()).keysInSecretStorage, true, 'declined: nothing exported');
      await vscode.commands.executeCommand('dockerContextGuard.useContext', await context());
      assert.equal(asked.length, before + 2, 'said once per context');
    } finally {
      await docker.ok('context', 'use', 'default');
    }
  });

  it('"Export Keys to Docker CLI" asks, then writes the files 0600 and the docker CLI works again', async () => {
    api.testing!.scriptAnswers([{ kind: 'confirm', button: undefined }]);
    await vscode.commands.executeCommand('dockerContextGuard.exportKeysToDockerCli', await context());
    assert.equal((await context()).keysInSecretStorage, true, 'declined: nothing changed');
    api.testing!.scriptAnswers([{ kind: 'confirm', button: 'Export Keys' }]);
    await vscode.commands.executeCommand('dockerContextGuard.exportKeysToDockerCli', await context());
    const key = path.join(await tlsDir(), 'docker', 'key.pem');
    assert.equal(statSync(key).mode & 0o777, 0o600);
    assert.equal(statSync(path.dirname(key)).mode & 0o777, 0o700);
    assert.equal((await context()).keysInSecretStorage, false);
    assert.match(await docker.ok('--context', name, 'version', '--format', '{{.Server.Version}}'), /^\d+\./);
  });

  it('removing the context removes its secrets', async () => {
    api.testing!.scriptAnswers([{ kind: 'confirm', button: 'Delete Files' }]);
    await vscode.commands.executeCommand('dockerContextGuard.moveKeysToSecretStorage', await context());
    assert.ok(await api.testing!.secretsOf(name));
    api.testing!.scriptAnswers([{ kind: 'confirm', button: 'Remove' }]);
    await vscode.commands.executeCommand('dockerContextGuard.removeContext', await context());
    assert.equal(await api.testing!.secretsOf(name), undefined);
    assert.doesNotMatch(await docker.ok('context', 'ls', '--format', '{{.Name}}'), new RegExp(`^${name}$`, 'm'));
  });
});
