/**
 * The guard in the real VS Code, against real engines: removing a container on a production
 * engine asks once, wanting the context's name typed; declining leaves the container, confirming
 * removes it, and the audit log records both. A local engine is not asked. And every command
 * the extension contributes is accounted for: each one that can change an engine sends nothing
 * when its confirmation is declined.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import * as vscode from 'vscode';

import type { ListedContext } from '../../src/core/contexts/contextList';
import type { ExtensionApi } from '../../src/extension';
import { dockerArgs, dockerCli } from '../support/dockerCli';
import { loadHarnessInfo } from '../support/harnessInfo';
import { repoRoot } from '../support/repoPaths';
import { childLabelled as childLabelledNode } from '../support/treeNodes';

const serve = ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done'];

/**
 * Every contributed command, by what it can do to an engine. A new command must be added here:
 * an engine-changing one is then proven guarded below.
 */
const commandEffects: Record<string, 'engine' | 'none'> = {
  switchContext: 'none',
  useContext: 'none',
  inspectContext: 'none',
  setTier: 'none',
  copyEndpoint: 'none',
  openTerminal: 'none',
  elevateWriteAccess: 'none',
  endElevation: 'none',
  showElevationAuditLog: 'none',
  removeContext: 'none',
  refresh: 'none',
  showLog: 'none',
  inspectEngineObject: 'none',
  showContainerLogs: 'none',
  startContainer: 'engine',
  stopContainer: 'engine',
  restartContainer: 'engine',
  removeEngineObject: 'engine',
  pruneGroup: 'engine',
  refreshGroup: 'none',
  exportKeysToDockerCli: 'none',
  moveKeysToSecretStorage: 'none',
  createSshContext: 'none',
  createTlsContext: 'none',
  inspectCertificates: 'none',
  rotateClientCertificate: 'none',
  rotateCa: 'none',
  importContext: 'none',
  exportContext: 'none',
  showAuditLog: 'none',
  useStoredKeysHere: 'none',
  deleteOrphanedKeys: 'none',
  // Access: certificates and the plugin's policy, no Engine API change (Enforce asks its own confirmation).
  grantAccess: 'none',
  revokeAccess: 'none',
  renewAccess: 'none',
  enforceAccess: 'none',
  showEngineAudit: 'none',
};

interface AuditLine {
  context: string;
  tier: string;
  source: string;
  operation: string;
  targets: string[];
  outcome: string;
  confirmedBy?: string;
}

describe('guard: confirmations and the audit trail', () => {
  const info = loadHarnessInfo();
  const docker = dockerCli(info.dockerConfig);
  const onTls = (...args: string[]) => docker.ok(...dockerArgs(info, 'tls'), ...args);
  const onLocal = (...args: string[]) => docker.ok(...dockerArgs(info, 'local'), ...args);
  const existsOn = async (engine: 'tls' | 'local', name: string) => (await docker.run(...dockerArgs(info, engine), 'inspect', name)).code === 0;
  const runningOn = async (name: string) => (await onTls('inspect', '--format', '{{.State.Running}}', name)).trim() === 'true';
  let api: ExtensionApi;

  const auditLines = (): AuditLine[] => {
    try {
      return readFileSync(api.testing!.auditLogFile, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as AuditLine);
    } catch {
      return [];
    }
  };
  const childLabelled = (parent: unknown, label: string) => childLabelledNode(api.tree, parent, label);
  const contextNode = async (name: string) => ((await api.tree.getChildren()) as ListedContext[]).find((context) => context.name === name);
  const groupNode = async (contextName: string, group: string) => childLabelled(await contextNode(contextName), group);
  const nodeOf = async (contextName: string, group: string, label: string) => childLabelled(await groupNode(contextName, group), label);

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>('docker-context-guard.docker-context-guard')!.activate();
    const pem = (file: string) => path.join(info.tls.clientDir, file);
    await docker.ok('context', 'create', 'prod-guard', '--docker', `host=${info.tls.host},ca=${pem('ca.pem')},cert=${pem('cert.pem')},key=${pem('key.pem')}`);
    await docker.ok('context', 'create', 'local-guard', '--docker', `host=${info.local.host}`);
    await onTls('run', '-d', '--name', 'dcg-guarded', info.image, ...serve);
    await onTls('run', '-d', '--name', 'dcg-kept', info.image, ...serve);
    await onLocal('run', '-d', '--name', 'dcg-local', info.image, ...serve);
    await api.contexts.refresh();
  });

  after(async () => {
    for (const name of ['dcg-guarded', 'dcg-kept']) await docker.run(...dockerArgs(info, 'tls'), 'rm', '-f', name);
    await docker.run(...dockerArgs(info, 'local'), 'rm', '-f', 'dcg-local');
    for (const name of ['prod-guard', 'local-guard']) await docker.run('context', 'rm', '-f', name);
  });

  it('removing a container on production asks once, wanting the name typed; declining leaves it, confirming removes it', async () => {
    api.testing!.scriptAnswers([{ kind: 'input', value: undefined }]);
    const asked = api.testing!.asked.length;
    await vscode.commands.executeCommand('dockerContextGuard.removeEngineObject', await nodeOf('prod-guard', 'Containers', 'dcg-guarded'));
    const questions = api.testing!.asked.slice(asked);
    assert.deepEqual(
      questions.map((question) => question.kind),
      ['input'],
    );
    assert.equal(questions[0].title, 'Remove dcg-guarded on production engine "prod-guard"? It is running and will be killed.');
    assert.match(questions[0].detail ?? '', new RegExp(`Engine: ${info.tls.host.replace(/[.]/g, '\\.')}[\\s\\S]*dcg-guarded`));
    assert.equal(await existsOn('tls', 'dcg-guarded'), true, 'declined: the container is still there');

    api.testing!.scriptAnswers([{ kind: 'input', value: 'prod-guard' }]);
    await vscode.commands.executeCommand('dockerContextGuard.removeEngineObject', await nodeOf('prod-guard', 'Containers', 'dcg-guarded'));
    assert.equal(await existsOn('tls', 'dcg-guarded'), false, 'confirmed: the container is gone');

    const lines = auditLines().filter((line) => line.context === 'prod-guard' && line.operation === 'container rm');
    assert.deepEqual(
      lines.slice(-2).map((line) => [line.outcome, line.confirmedBy, line.tier, line.source, line.targets]),
      [
        ['declined', undefined, 'production', 'ui', ['dcg-guarded']],
        ['done', 'typedName', 'production', 'ui', ['dcg-guarded']],
      ],
    );
    assert.doesNotMatch(readFileSync(api.testing!.auditLogFile, 'utf8'), /PRIVATE KEY|BEGIN CERTIFICATE/);
  });

  it('Show Audit Log opens the log as a read-only document, never the live file', async () => {
    assert.ok(auditLines().length > 0, 'the removal above wrote a line');
    await vscode.commands.executeCommand('dockerContextGuard.showAuditLog');
    const document = vscode.window.activeTextEditor?.document;
    assert.ok(document, 'no editor opened');
    assert.equal(document.uri.scheme, 'docker-context-guard');
    const before = readFileSync(api.testing!.auditLogFile, 'utf8');
    assert.equal(document.getText(), before);
    // Whatever happens to the view, the file is not behind it.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 0), 'forged\n');
    await vscode.workspace.applyEdit(edit);
    await Promise.resolve(document.save()).catch(() => false);
    assert.equal(readFileSync(api.testing!.auditLogFile, 'utf8'), before, 'editing the view changed the audit log');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('does not ask on a local engine (and logs nothing for it)', async () => {
    const asked = api.testing!.asked.length;
    const logged = auditLines().length;
    await vscode.commands.executeCommand('dockerContextGuard.removeEngineObject', await nodeOf('local-guard', 'Containers', 'dcg-local'));
    assert.equal(api.testing!.asked.length, asked);
    assert.equal(await existsOn('local', 'dcg-local'), false);
    assert.equal(auditLines().length, logged);
  });

  it('accounts for every contributed command, and each engine-changing one sends nothing when declined', async () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
    const ids = pkg.contributes.commands.map((entry) => entry.command.replace('dockerContextGuard.', ''));
    assert.deepEqual(
      ids.filter((id) => !(id in commandEffects)),
      [],
      'classify the new commands in commandEffects',
    );
    const engineCommands = ids.filter((id) => commandEffects[id] === 'engine');
    const stateOfKept = async () => ({ exists: await existsOn('tls', 'dcg-kept'), running: await runningOn('dcg-kept') });
    for (const id of engineCommands) {
      // Start needs a stopped container, and so does a prune that has something to remove.
      const wantStopped = id === 'startContainer' || id === 'pruneGroup';
      if (wantStopped === (await runningOn('dcg-kept'))) await onTls(wantStopped ? 'stop' : 'start', 'dcg-kept');
      const argument = id === 'pruneGroup' ? await groupNode('prod-guard', 'Containers') : await nodeOf('prod-guard', 'Containers', 'dcg-kept');
      const state = await stateOfKept();
      const requests = api.engines.guard.recent.length;
      // On production, a start is confirmed with a button; what takes workloads down wants the name typed.
      api.testing!.scriptAnswers([id === 'startContainer' ? { kind: 'confirm', button: undefined } : { kind: 'input', value: undefined }]);
      await vscode.commands.executeCommand(`dockerContextGuard.${id}`, argument);
      assert.equal(api.engines.guard.recent.length, requests + 1, `${id} asked the guard`);
      assert.deepEqual(await stateOfKept(), state, `${id} changed the engine although declined`);
    }
  });
});
