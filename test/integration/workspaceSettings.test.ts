/**
 * A trusted workspace's own settings (.vscode/settings.json of the opened folder) against the
 * user, in the real VS Code: a workspace that lowers a production context's tier and pins it
 * with "switch" is asked about, never switched to; a pin it may act on, in the global scope,
 * says that every terminal moved. Keeping Container Tools in step leaves a team's committed
 * `containers.environment` byte for byte, and writes no production context into a folder that is
 * a git work tree. The workspace settings are written as a repository would carry them, and
 * config.json is read back with the docker CLI.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

import * as vscode from 'vscode';

import type { ExtensionApi } from '../../src/extension';
import { dockerCli } from '../support/dockerCli';
import { eventually } from '../support/eventually';
import { loadHarnessInfo } from '../support/harnessInfo';
import { runProcess } from '../support/runProcess';

const extensionId = 'docker-context-guard.docker-context-guard';

describe('workspace settings: a workspace never both lowers a tier and acts on it', () => {
  const info = loadHarnessInfo();
  const docker = dockerCli(info.dockerConfig);
  let api: ExtensionApi;
  const settings = () => vscode.workspace.getConfiguration('dockerContextGuard');
  const inWorkspace = (key: string, value: unknown) => settings().update(key, value, vscode.ConfigurationTarget.Workspace);
  const dockerContext = async () => (await docker.ok('context', 'show')).trim();

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>(extensionId)!.activate();
    assert.ok(vscode.workspace.workspaceFolders?.length, 'the suite runs with a folder open: workspace settings need one');
    for (const name of ['pin-prod-eu', 'pin-dev']) await docker.ok('context', 'create', name, '--docker', `host=${info.local.host}`);
    await docker.ok('context', 'use', 'default');
  });

  after(async () => {
    for (const key of ['workspaceContext', 'workspaceContextAction', 'tiers']) await inWorkspace(key, undefined);
    await docker.ok('context', 'use', 'default');
    for (const name of ['pin-prod-eu', 'pin-dev']) await docker.run('context', 'rm', '-f', name);
  });

  it('a pin with "switch" onto a context the workspace lowered from production to local is only offered, and the offer says both tiers', async () => {
    await inWorkspace('tiers', { 'pin-prod-eu': 'local' });
    await inWorkspace('workspaceContextAction', 'switch');
    const list = await api.contexts.refresh();
    // The attack took hold: with the workspace's settings, prod-eu is local.
    assert.equal(list.contexts.find((context) => context.name === 'pin-prod-eu')?.tier, 'local');
    const asked = api.testing!.asked.length;
    api.testing!.scriptAnswers([{ kind: 'confirm', button: undefined }]);
    await inWorkspace('workspaceContext', 'pin-prod-eu');
    const questions = await eventually(
      () => api.testing!.asked.slice(asked),
      (found) => found.length > 0,
      'the pin to ask',
    );
    assert.match(questions[0].title, /"pin-prod-eu" \(production by your settings, local by this workspace's\)/);
    assert.match(questions[0].title, /every terminal and window on this machine/);
    assert.equal(await dockerContext(), 'default');
  });

  it('a pin with "switch" onto a development context in the global scope switches, and says every terminal moved', async () => {
    const notices = api.testing!.notices.length;
    await inWorkspace('workspaceContext', 'pin-dev');
    await eventually(dockerContext, (name) => name === 'pin-dev', 'config.json to name pin-dev');
    const said = await eventually(
      () => api.testing!.notices.slice(notices),
      (found) => found.length > 0,
      'the notice',
    );
    assert.match(said[0], /switched the Docker context to "pin-dev" for every terminal and window on this machine/);
  });

  describe('Container Tools in step, without editing committed settings', () => {
    const folder = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
    const settingsFile = () => path.join(folder(), '.vscode', 'settings.json');
    beforeEach(async () => {
      process.env.DCG_TEST_CONTAINER_TOOLS = '1';
      for (const key of ['workspaceContext', 'workspaceContextAction', 'tiers']) await inWorkspace(key, undefined);
    });

    afterEach(async () => {
      delete process.env.DCG_TEST_CONTAINER_TOOLS;
      await settings().update('switchScope', undefined, vscode.ConfigurationTarget.Global);
    });

    it("a team's committed DOCKER_CONTEXT survives both scopes, byte for byte, and the user is told once", async () => {
      // As a team commits it: a comment, its own formatting, and a context of its own.
      const before = '{\n  // team settings\n  "containers.environment": { "DOCKER_CONTEXT": "pin-dev", "OTHER": "x" }\n}\n';
      writeFileSync(settingsFile(), before);
      await eventually(
        () => vscode.workspace.getConfiguration('containers').inspect<Record<string, string>>('environment')?.workspaceValue?.OTHER,
        (value) => value === 'x',
        'VS Code to read the file',
      );
      const notices = api.testing!.notices.length;
      await api.contexts.refresh();
      await settings().update('switchScope', 'window', vscode.ConfigurationTarget.Global);
      api.testing!.scriptAnswers([{ kind: 'confirm', button: 'Switch to Production' }]);
      await vscode.commands.executeCommand(
        'dockerContextGuard.useContext',
        (await api.contexts.refresh()).contexts.find((context) => context.name === 'pin-prod-eu'),
      );
      await eventually(
        () => api.testing!.notices.slice(notices),
        (found) => found.some((notice) => /did not write it/.test(notice)),
        'the notice',
      );
      await settings().update('switchScope', undefined, vscode.ConfigurationTarget.Global);
      await api.contexts.refresh();
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(readFileSync(settingsFile(), 'utf8'), before);
    });

    it('in a git work tree, a production window context is not written into the workspace settings, and the user is told', async () => {
      writeFileSync(settingsFile(), '{}\n');
      await eventually(
        () => vscode.workspace.getConfiguration('containers').inspect('environment')?.workspaceValue,
        (value) => value === undefined,
        'VS Code to read the file',
      );
      const gitDir = path.join(folder(), '.git');
      assert.ok(!existsSync(gitDir));
      await runProcess('git', ['init', '-q'], { cwd: folder() });
      try {
        const notices = api.testing!.notices.length;
        await settings().update('switchScope', 'window', vscode.ConfigurationTarget.Global);
        api.testing!.scriptAnswers([{ kind: 'confirm', button: 'Switch to Production' }]);
        await vscode.commands.executeCommand(
          'dockerContextGuard.useContext',
          (await api.contexts.refresh()).contexts.find((context) => context.name === 'pin-prod-eu'),
        );
        await eventually(
          () => api.testing!.notices.slice(notices),
          (found) => found.some((notice) => /not switched to production context "pin-prod-eu"/.test(notice)),
          'the notice',
        );
        assert.equal(readFileSync(settingsFile(), 'utf8'), '{}\n');
      } finally {
        await settings().update('switchScope', undefined, vscode.ConfigurationTarget.Global);
        rmSync(gitDir, { recursive: true, force: true });
      }
    });
  });
});
