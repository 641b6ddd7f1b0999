/**
 * Read-only production and elevations in the real VS Code, against a real engine: with
 * `guard.production: readOnly` a stop on a production context is refused without a question and
 * the container keeps running; an elevation opened by the CLI in a terminal shows in the status
 * bar within a second, counting down, and the stop then runs (asked as on any remote engine) with
 * the reason in its audit line; at its end the status bar says read-only again, by itself.
 * Elevate Write Access… asks reason, duration and the typed name; End Write Access closes it.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';

import * as vscode from 'vscode';

import type { AuditRecord } from '../../src/core/audit/auditRecord';
import type { ListedContext } from '../../src/core/contexts/contextList';
import type { ExtensionApi } from '../../src/extension';
import { dockerArgs, dockerCli } from '../support/dockerCli';
import { eventually } from '../support/eventually';
import { loadHarnessInfo } from '../support/harnessInfo';
import { cliPath } from '../support/repoPaths';
import { childLabelled as childLabelledNode } from '../support/treeNodes';

const serve = ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done'];
const run = promisify(execFile);

describe('read-only production and elevations', () => {
  const info = loadHarnessInfo();
  const docker = dockerCli(info.dockerConfig);
  const onTls = (...args: string[]) => docker.ok(...dockerArgs(info, 'tls'), ...args);
  const running = async (name: string) => (await onTls('inspect', '--format', '{{.State.Running}}', name)).trim() === 'true';
  const guardConfig = () => vscode.workspace.getConfiguration('dockerContextGuard.guard');
  const elevate = (...args: string[]) => run(process.execPath, [cliPath, 'elevate', ...args], { env: { ...process.env, DOCKER_GUARD_CONFIRM: 'prod-ro' } });
  const listed = async () => JSON.parse((await run(process.execPath, [cliPath, 'elevate', '--list', '--json'])).stdout) as { name: string; reason: string }[];
  let api: ExtensionApi;
  let suiteMode: string | undefined;

  const auditLines = () =>
    readFileSync(api.testing!.auditLogFile, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as AuditRecord);
  const childLabelled = (parent: unknown, label: string) => childLabelledNode(api.tree, parent, label);
  const contextNode = async () => ((await api.tree.getChildren()) as ListedContext[]).find((context) => context.name === 'prod-ro')!;
  const containerNode = async () => childLabelled(await childLabelled(await contextNode(), 'Containers'), 'dcg-ro');
  const statusText = () => api.statusBar.state.text;

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>('docker-context-guard.docker-context-guard')!.activate();
    const pem = (file: string) => path.join(info.tls.clientDir, file);
    await docker.ok('context', 'create', 'prod-ro', '--docker', `host=${info.tls.host},ca=${pem('ca.pem')},cert=${pem('cert.pem')},key=${pem('key.pem')}`);
    await docker.ok('context', 'use', 'prod-ro');
    await onTls('run', '-d', '--name', 'dcg-ro', info.image, ...serve);
    suiteMode = guardConfig().inspect<string>('production')?.globalValue;
    await guardConfig().update('production', 'readOnly', vscode.ConfigurationTarget.Global);
    await api.contexts.refresh();
  });

  after(async () => {
    await run(process.execPath, [cliPath, 'elevate', '--end', 'prod-ro']).catch(() => undefined);
    await guardConfig().update('production', suiteMode, vscode.ConfigurationTarget.Global);
    await docker.run(...dockerArgs(info, 'tls'), 'rm', '-f', 'dcg-ro');
    await docker.ok('context', 'use', 'default');
    await docker.run('context', 'rm', '-f', 'prod-ro');
  });

  it('a stop on read-only production is refused, not asked; the status bar says read-only', async () => {
    await eventually(statusText, (text) => /prod-ro · production · read-only/.test(text), 'the status bar to say read-only');
    const asked = api.testing!.asked.length;
    await vscode.commands.executeCommand('dockerContextGuard.stopContainer', await containerNode());
    assert.equal(api.testing!.asked.length, asked, 'nothing was asked');
    assert.ok(await running('dcg-ro'));
    const last = auditLines().at(-1);
    assert.deepEqual([last?.context, last?.operation, last?.outcome], ['prod-ro', 'container stop', 'declined']);
    assert.match(last?.error ?? '', /"prod-ro" is production and read-only: container stop was refused/);
  });

  it('an elevation opened by the CLI shows within a second, counting down; the stop then runs inside it, asked as on any remote engine', async () => {
    await elevate('prod-ro', '--for', '4s', '--reason', 'INC-7 stop the web');
    const shown = Date.now();
    await eventually(statusText, (text) => /writable 0:0[0-4]/.test(text), 'the countdown in the status bar', 1000);
    assert.ok(Date.now() - shown <= 1000);
    api.testing!.scriptAnswers([{ kind: 'confirm', button: 'Stop' }]);
    await vscode.commands.executeCommand('dockerContextGuard.stopContainer', await containerNode());
    await eventually(
      () => running('dcg-ro'),
      (up) => !up,
      'the container to stop',
      15_000,
    );
    const stop = auditLines()
      .filter((line) => line.operation === 'container stop' && line.outcome === 'done')
      .at(-1);
    assert.equal(stop?.elevation?.reason, 'INC-7 stop the web');
    // It ends by itself: nobody touches the file.
    await eventually(statusText, (text) => /read-only/.test(text), 'the status bar to say read-only again', 6000);
    await onTls('start', 'dcg-ro');
    await vscode.commands.executeCommand('dockerContextGuard.refresh');
    const asked = api.testing!.asked.length;
    await vscode.commands.executeCommand('dockerContextGuard.stopContainer', await containerNode());
    assert.equal(api.testing!.asked.length, asked);
    assert.ok(await running('dcg-ro'));
  });

  it('Elevate Write Access… asks reason, duration and the typed name; End Write Access closes it', async () => {
    api.testing!.scriptAnswers([
      { kind: 'input', value: 'CHG-12' },
      { kind: 'pick', label: '5 minutes' },
      { kind: 'input', value: 'prod-ro' },
    ]);
    await vscode.commands.executeCommand('dockerContextGuard.elevateWriteAccess', await contextNode());
    assert.deepEqual(
      (await listed()).map(({ name, reason }) => [name, reason]),
      [['prod-ro', 'CHG-12']],
    );
    await eventually(statusText, (text) => /writable 4:5\d|writable 5:00/.test(text), 'the countdown');
    await vscode.commands.executeCommand('dockerContextGuard.endElevation');
    assert.deepEqual(await listed(), []);
    // The audit log of that elevation alone: its opening and its end.
    api.testing!.scriptAnswers([{ kind: 'pick', label: 'prod-ro: CHG-12' }]);
    await vscode.commands.executeCommand('dockerContextGuard.showElevationAuditLog');
    const shown = vscode.window.activeTextEditor?.document;
    assert.equal(shown?.uri.scheme, 'docker-context-guard');
    const operations = (shown?.getText() ?? '')
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as AuditRecord).operation);
    assert.deepEqual(operations, ['elevation open', 'elevation end']);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.deepEqual(
      auditLines()
        .filter((line) => line.operation.startsWith('elevation') && line.elevation?.reason === 'CHG-12')
        .map((line) => [line.operation, line.source, line.confirmedBy]),
      [
        ['elevation open', 'ui', 'typedName'],
        ['elevation end', 'ui', undefined],
      ],
    );
  });
});
