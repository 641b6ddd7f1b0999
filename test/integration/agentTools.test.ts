/**
 * The agent tools in the real VS Code, against real engines: they are VS Code language-model
 * tools (`vscode.lm.tools`), the target tool answers through `vscode.lm.invokeTool`, a change's
 * prepareInvocation (through the extension's test hook: VS Code has no API that returns it)
 * names the context, its tier and endpoint and every target, and a change the policy refuses
 * sends nothing to the engine — the production context here reaches the local engine through a
 * proxy that records every request, and the container is still running afterwards.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import * as vscode from 'vscode';

import { agentTools } from '../../src/core/agent/agentTools';
import type { ExtensionApi } from '../../src/extension';
import { languageModelApi } from '../../src/ui/agent/lmApi';
import { dockerArgs, dockerCli } from '../support/dockerCli';
import { readAuditRecords } from '../support/guardFixture';
import { loadHarnessInfo } from '../support/harnessInfo';
import { type RecordingEngineProxy, startRecordingEngineProxy } from '../support/recordingEngineProxy';

const serve = ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done'];

describe('agent tools (language-model tools)', () => {
  const info = loadHarnessInfo();
  const docker = dockerCli(info.dockerConfig);
  const onLocal = (...args: string[]) => docker.ok(...dockerArgs(info, 'local'), ...args);
  const onTls = (...args: string[]) => docker.ok(...dockerArgs(info, 'tls'), ...args);
  const guardConfig = () => vscode.workspace.getConfiguration('dockerContextGuard.guard');
  const lm = () => languageModelApi()!.lm;
  let api: ExtensionApi;
  let proxy: RecordingEngineProxy;
  let suiteMode: string | undefined;

  const auditLines = () => readAuditRecords(api.testing!.auditLogFile);
  const text = (result: { content: readonly unknown[] }) => (result.content[0] as { value: string }).value;

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>('docker-context-guard.docker-context-guard')!.activate();
    proxy = await startRecordingEngineProxy(path.join(mkdtempSync(path.join(os.tmpdir(), 'dcg-agent-')), 'engine.sock'), info.local.socketPath);
    const pem = (file: string) => path.join(info.tls.clientDir, file);
    await docker.ok('context', 'create', 'prod-agent', '--docker', `host=unix://${proxy.socketPath}`);
    await docker.ok('context', 'create', 'dev-agent', '--docker', `host=${info.tls.host},ca=${pem('ca.pem')},cert=${pem('cert.pem')},key=${pem('key.pem')}`);
    await onLocal('run', '-d', '--name', 'dcg-agent-prod', info.image, ...serve);
    await onTls('run', '-d', '--name', 'dcg-agent-dev', info.image, ...serve);
    suiteMode = guardConfig().inspect<string>('production')?.globalValue;
    await guardConfig().update('production', 'readOnly', vscode.ConfigurationTarget.Global);
    await api.contexts.refresh();
  });

  after(async () => {
    await guardConfig().update('production', suiteMode, vscode.ConfigurationTarget.Global);
    await docker.run(...dockerArgs(info, 'local'), 'rm', '-f', 'dcg-agent-prod');
    await docker.run(...dockerArgs(info, 'tls'), 'rm', '-f', 'dcg-agent-dev');
    for (const name of ['prod-agent', 'dev-agent']) await docker.run('context', 'rm', '-f', name);
    await proxy.close();
  });

  it('are listed in vscode.lm.tools, every one of the table', () => {
    const listed = lm().tools.map((tool) => tool.name);
    for (const tool of agentTools) assert.ok(listed.includes(tool.name), `${tool.name} not in ${listed.join(', ')}`);
    const target = lm().tools.find((tool) => tool.name === 'docker_target')!;
    assert.match(target.description, /Call this first/);
  });

  it('docker_target answers through vscode.lm.invokeTool: production, read-only, reachable; the read is audited', async () => {
    const result = await lm().invokeTool('docker_target', { input: { context: 'prod-agent' }, toolInvocationToken: undefined });
    const report = JSON.parse(text(result)) as Record<string, unknown>;
    assert.deepEqual([report.context, report.tier, report.readOnly, report.reachable, report.transport], ['prod-agent', 'production', true, true, 'unix']);
    assert.match(String((report.changes as Record<string, string>).destroy), /refused/);
    const last = auditLines().at(-1)!;
    assert.deepEqual([last.source, last.tool, last.context, last.class, last.outcome], ['agent', 'docker_target', 'prod-agent', 'read', 'done']);
  });

  it("a change's prepareInvocation names the context, its tier and endpoint, and every target", async () => {
    const prepared = await api.testing!.prepareAgentTool('docker_stop_container', { container: 'dcg-agent-dev', context: 'dev-agent' });
    const messages = prepared?.confirmationMessages;
    assert.ok(messages, JSON.stringify(prepared));
    assert.equal(messages.title, 'Stop dcg-agent-dev on development engine "dev-agent"? (asked by an AI agent)');
    const message = String(messages.message);
    assert.match(message, /Context: dev-agent \(development\)/);
    assert.ok(message.includes(`Engine: ${info.tls.host}`), message);
    assert.match(message, /Action: docker container stop\nTargets \(1\): dcg-agent-dev\nTool: docker_stop_container/);
    // Nothing was stopped by preparing.
    assert.equal((await onTls('inspect', '--format', '{{.State.Running}}', 'dcg-agent-dev')).trim(), 'true');
  });

  it('a removal the policy refuses (read-only production) is not put to the person, and sends nothing to the engine', async () => {
    const input = { container: 'dcg-agent-prod', context: 'prod-agent', force: true };
    const prepared = await api.testing!.prepareAgentTool('docker_remove_container', input);
    assert.equal(prepared?.confirmationMessages, undefined);
    proxy.clear();
    await assert.rejects(
      Promise.resolve(lm().invokeTool('docker_remove_container', { input, toolInvocationToken: undefined })),
      /"prod-agent" is production and read-only.*An agent cannot.*Nothing was sent to the engine/,
    );
    assert.deepEqual(
      proxy.requests.filter((request) => request.method !== 'GET' && request.method !== 'HEAD'),
      [],
    );
    assert.equal((await onLocal('inspect', '--format', '{{.State.Running}}', 'dcg-agent-prod')).trim(), 'true');
    const last = auditLines().at(-1)!;
    assert.deepEqual(
      [last.source, last.tool, last.context, last.tier, last.operation, last.outcome],
      ['agent', 'docker_remove_container', 'prod-agent', 'production', 'container rm --force', 'declined'],
    );
  });
});
