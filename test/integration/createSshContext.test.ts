/**
 * "Create SSH Context" in the real VS Code, against the harness's sshd: the flow (driven through
 * scripted answers, Back included) saves a context only after docker answered over SSH; a
 * target where nothing answers saves nothing.
 */
import * as assert from 'node:assert/strict';

import * as vscode from 'vscode';

import type { ExtensionApi } from '../../src/extension';
import { dockerCli } from '../support/dockerCli';
import { loadHarnessInfo } from '../support/harnessInfo';
import { freePort } from '../support/ports';

describe('Create SSH Context', () => {
  const info = loadHarnessInfo();
  const docker = dockerCli(info.dockerConfig);
  let api: ExtensionApi;
  const names = () => docker.ok('context', 'ls', '--format', '{{.Name}}').then((out) => out.trim().split('\n'));

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>('docker-context-guard.docker-context-guard')!.activate();
  });

  after(() => docker.run('context', 'rm', '-f', 'ssh-box'));

  it('saves the context once docker answers over SSH, with the chosen tier', async () => {
    const target = `${info.ssh.user}@${info.ssh.hostname}:${info.ssh.port}`;
    // The harness's ~/.ssh/config has no concrete Host alias, so the target is typed.
    api.testing!.scriptAnswers([
      { kind: 'input', value: 'ssh-box' },
      { kind: 'input', value: 'wrong@target' },
      { kind: 'back' },
      { kind: 'input', value: target },
      { kind: 'input', value: 'Build box over SSH' },
      { kind: 'pick', label: 'staging' },
    ]);
    await vscode.commands.executeCommand('dockerContextGuard.createSshContext');
    assert.ok((await names()).includes('ssh-box'));
    const inspected = JSON.parse(await docker.ok('context', 'inspect', 'ssh-box'))[0];
    assert.equal(inspected.Endpoints.docker.Host, `ssh://${target}`);
    assert.deepEqual(inspected.Metadata, { Description: 'Build box over SSH', DockerContextGuard: { tier: 'staging' } });
    const listed = (await api.contexts.refresh()).contexts.find((context) => context.name === 'ssh-box');
    assert.deepEqual([listed?.transport, listed?.tier], ['ssh', 'staging']);
  });

  it('saves nothing when nothing answers, and Esc ends the flow', async () => {
    api.testing!.scriptAnswers([
      { kind: 'input', value: 'ssh-nowhere' },
      { kind: 'input', value: `root@127.0.0.1:${await freePort()}` },
      { kind: 'input', value: '' },
      { kind: 'pick', label: 'development' },
    ]);
    await vscode.commands.executeCommand('dockerContextGuard.createSshContext');
    api.testing!.scriptAnswers([{ kind: 'input', value: undefined }]);
    await vscode.commands.executeCommand('dockerContextGuard.createSshContext');
    assert.ok(!(await names()).includes('ssh-nowhere'));
  });
});
