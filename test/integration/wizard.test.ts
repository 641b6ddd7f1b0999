/**
 * The create-context wizards as a user walks them, in the real VS Code: the step counter the
 * title bar shows counts exactly the steps of the path taken (generate or import, a passphrase
 * only for an encrypted key, a typed SSH target), the SSH target's port is refused in the TLS
 * port step's words, and no name prompt suggests a name that is taken.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile } from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';

import * as vscode from 'vscode';

import type { ExtensionApi } from '../../src/extension';
import type { AskedQuestion, ScriptedAnswer } from '../../src/ui/prompts/prompts';
import { dockerCli } from '../support/dockerCli';
import { loadHarnessInfo } from '../support/harnessInfo';
import { useTempDirs } from '../support/tempDir';

const run = promisify(execFile);

describe('Create-context wizards', () => {
  const info = loadHarnessInfo();
  const docker = dockerCli(info.dockerConfig);
  const tempDir = useTempDirs('wizard');
  const tlsPort = new URL(info.tls.host).port;
  let api: ExtensionApi;
  const names = () => docker.ok('context', 'ls', '--format', '{{.Name}}').then((out) => out.trim().split('\n'));

  /** Runs `command` with `answers`, and returns the questions it asked. */
  async function walk(command: string, answers: ScriptedAnswer[]): Promise<AskedQuestion[]> {
    const before = api.testing!.asked.length;
    api.testing!.scriptAnswers(answers);
    await vscode.commands.executeCommand(command);
    return api.testing!.asked.slice(before);
  }
  const counters = (asked: AskedQuestion[]) => asked.flatMap((question) => (question.step ? [question.step] : []));

  const endpoint: ScriptedAnswer[] = [
    { kind: 'input', value: 'wizard-tls' },
    { kind: 'input', value: '127.0.0.1' },
    { kind: 'input', value: tlsPort },
    { kind: 'input', value: '' },
    { kind: 'pick', label: 'development' },
  ];

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>('docker-context-guard.docker-context-guard')!.activate();
    await docker.run('context', 'rm', '-f', 'prod-eu');
    await docker.ok('context', 'create', 'prod-eu', '--docker', 'host=tcp://127.0.0.1:9');
  });

  after(() => docker.run('context', 'rm', '-f', 'prod-eu'));

  it('counts the generate path: 7 steps, Back included, the folder dialog unnumbered', async () => {
    const asked = await walk('dockerContextGuard.createTlsContext', [
      ...endpoint,
      { kind: 'pick', label: 'Generate new certificates' },
      { kind: 'back' },
      { kind: 'back' },
      { kind: 'pick', label: 'staging' },
      { kind: 'pick', label: 'Generate new certificates' },
      { kind: 'pick', label: 'ecdsa-p256' },
      { kind: 'files', paths: undefined },
      { kind: 'pick', label: undefined },
    ]);
    assert.deepEqual(counters(asked), ['1/7', '2/7', '3/7', '4/7', '5/7', '6/7', '7/7', '6/7', '5/7', '6/7', '7/7', '7/7']);
  });

  it('counts the import path: 7 steps, and an eighth only for an encrypted key', async () => {
    const plain = await walk('dockerContextGuard.createTlsContext', [
      ...endpoint,
      { kind: 'pick', label: 'Import existing certificates' },
      { kind: 'pick', label: 'A folder with ca.pem, cert.pem and key.pem' },
      { kind: 'files', paths: undefined },
      { kind: 'pick', label: undefined },
    ]);
    assert.deepEqual(counters(plain), ['1/7', '2/7', '3/7', '4/7', '5/7', '6/7', '7/7', '7/7']);

    const encrypted = await tempDir();
    await Promise.all(['ca.pem', 'cert.pem'].map((file) => copyFile(path.join(info.tls.clientDir, file), path.join(encrypted, file))));
    await run('openssl', [
      'pkey',
      '-in',
      path.join(info.tls.clientDir, 'key.pem'),
      '-aes256',
      '-passout',
      'pass:wizard-secret',
      '-out',
      path.join(encrypted, 'key.pem'),
    ]);
    const withPassphrase = await walk('dockerContextGuard.createTlsContext', [
      ...endpoint,
      { kind: 'pick', label: 'Import existing certificates' },
      { kind: 'pick', label: 'A folder with ca.pem, cert.pem and key.pem' },
      { kind: 'files', paths: [encrypted] },
      { kind: 'input', value: undefined },
    ]);
    assert.deepEqual(counters(withPassphrase), ['1/7', '2/7', '3/7', '4/7', '5/7', '6/7', '7/7', '8/8']);
    assert.ok(!(await names()).includes('wizard-tls'));
  });

  it('counts the SSH path without ~/.ssh/config aliases: 4 steps, none skipped', async () => {
    const asked = await walk('dockerContextGuard.createSshContext', [
      { kind: 'input', value: 'wizard-ssh' },
      { kind: 'input', value: 'u@127.0.0.1:2222' },
      { kind: 'input', value: '' },
      { kind: 'pick', label: undefined },
    ]);
    assert.deepEqual(counters(asked), ['1/4', '2/4', '3/4', '4/4']);
  });

  it('refuses the SSH port 0, 65536 and 22x with the words of the TLS port step', async () => {
    const refusals = (asked: AskedQuestion[]) => asked.flatMap((question) => question.refused?.map((refused) => refused.problem) ?? []);
    const bad = ['0', '65536', '22x'];
    const ssh = await walk('dockerContextGuard.createSshContext', [
      { kind: 'input', value: 'wizard-ssh' },
      ...bad.map((port): ScriptedAnswer => ({ kind: 'input', value: `u@127.0.0.1:${port}` })),
      { kind: 'input', value: 'u@127.0.0.1:2222' },
      { kind: 'input', value: undefined },
    ]);
    const tls = await walk('dockerContextGuard.createTlsContext', [
      { kind: 'input', value: 'wizard-tls' },
      { kind: 'input', value: '127.0.0.1' },
      ...bad.map((port): ScriptedAnswer => ({ kind: 'input', value: port })),
      { kind: 'input', value: tlsPort },
      { kind: 'input', value: undefined },
    ]);
    assert.equal(refusals(ssh).length, bad.length, JSON.stringify(ssh));
    assert.deepEqual(refusals(ssh), refusals(tls));
  });

  it('never suggests a taken name: the name steps and Import Context', async () => {
    const taken = await names();
    for (const command of ['dockerContextGuard.createTlsContext', 'dockerContextGuard.createSshContext']) {
      const [nameQuestion] = await walk(command, [{ kind: 'input', value: undefined }]);
      assert.ok(nameQuestion.placeholder && !taken.includes(nameQuestion.placeholder), `${command} suggests ${nameQuestion.placeholder}`);
    }
    const archive = path.join(await tempDir(), 'prod-eu.dockercontext');
    await docker.ok('context', 'export', 'prod-eu', archive);
    const asked = await walk('dockerContextGuard.importContext', [
      { kind: 'files', paths: [archive] },
      { kind: 'input', value: undefined },
    ]);
    const suggested = asked.find((question) => question.kind === 'input')?.value;
    assert.ok(suggested && !taken.includes(suggested), `Import Context suggests ${suggested}`);
    assert.equal(suggested, 'prod-eu-2');
  });
});
