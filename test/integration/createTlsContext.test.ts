/**
 * "Create TLS Context" in the real VS Code, driven through scripted answers: generated
 * certificates (server bundle on disk, client keys only in SecretStorage), imported ones that
 * reach the harness's real TLS engine, and invalid imports refused with their reasons.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';

import * as vscode from 'vscode';

import type { ExtensionApi } from '../../src/extension';
import { dockerCli } from '../support/dockerCli';
import { loadHarnessInfo } from '../support/harnessInfo';
import { useTempDirs } from '../support/tempDir';
import { generateTlsMaterial } from '../support/tlsCerts';

describe('Create TLS Context', () => {
  const info = loadHarnessInfo();
  const docker = dockerCli(info.dockerConfig);
  const tempDir = useTempDirs('create-tls');
  const tlsPort = new URL(info.tls.host).port;
  let api: ExtensionApi;

  const listed = async (name: string) => (await api.contexts.refresh()).contexts.find((context) => context.name === name);
  const tlsDirOf = async (name: string) => path.join(JSON.parse(await docker.ok('context', 'inspect', name))[0].Storage.TLSPath as string);

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>('docker-context-guard.docker-context-guard')!.activate();
  });

  after(async () => {
    for (const name of ['tls-made', 'tls-imported']) await docker.run('context', 'rm', '-f', name);
  });

  it('generates CA, server and client certificates: the server bundle goes to disk, the client key only to SecretStorage', async () => {
    const bundle = await tempDir();
    api.testing!.scriptAnswers([
      { kind: 'input', value: 'tls-made' },
      { kind: 'input', value: 'docker.example.com' },
      { kind: 'back' },
      { kind: 'input', value: '127.0.0.1' },
      { kind: 'input', value: tlsPort },
      { kind: 'input', value: 'made here' },
      { kind: 'pick', label: 'production' },
      { kind: 'pick', label: 'Generate new certificates' },
      { kind: 'pick', label: 'ecdsa-p256' },
      { kind: 'files', paths: [bundle] },
    ]);
    await vscode.commands.executeCommand('dockerContextGuard.createTlsContext');
    const context = await listed('tls-made');
    assert.deepEqual(
      [context?.host, context?.transport, context?.tier, context?.keysInSecretStorage],
      [`tcp://127.0.0.1:${tlsPort}`, 'tls', 'production', true],
    );
    const secrets = await api.testing!.secretsOf('tls-made');
    assert.match(secrets?.keyPem ?? '', /BEGIN PRIVATE KEY/);
    assert.match(secrets?.caKeyPem ?? '', /BEGIN PRIVATE KEY/);
    assert.ok(!existsSync(await tlsDirOf('tls-made')), 'no TLS file in the Docker CLI store');
    assert.deepEqual(readdirSync(bundle).sort(), ['README.md', 'ca.pem', 'server-cert.pem', 'server-key.pem']);
    assert.equal(statSync(path.join(bundle, 'server-key.pem')).mode & 0o777, 0o600);
    // The harness engine has its own CA: these certificates are not installed there.
    assert.equal(api.engines.healthOf('tls-made') && (api.engines.healthOf('tls-made') as { reachable: boolean }).reachable, false);
  });

  it('imports a docker-machine style folder, and the context reaches the real TLS engine', async () => {
    api.testing!.scriptAnswers([
      { kind: 'input', value: 'tls-imported' },
      { kind: 'input', value: '127.0.0.1' },
      { kind: 'input', value: tlsPort },
      { kind: 'input', value: '' },
      { kind: 'pick', label: 'staging' },
      { kind: 'pick', label: 'Import existing certificates' },
      { kind: 'pick', label: 'A folder with ca.pem, cert.pem and key.pem' },
      { kind: 'files', paths: [info.tls.clientDir] },
      // The harness's certificates live two days: the flow warns that they expire soon.
      { kind: 'confirm', button: 'Import' },
    ]);
    await vscode.commands.executeCommand('dockerContextGuard.createTlsContext');
    const context = await listed('tls-imported');
    assert.deepEqual([context?.tier, context?.keysInSecretStorage], ['staging', true]);
    const health = api.engines.healthOf('tls-imported');
    assert.ok(typeof health === 'object' && health.reachable, JSON.stringify(health));
    assert.ok(!existsSync(await tlsDirOf('tls-imported')), 'no key file on disk');
  });

  it('warns that the client certificate is of a CA not in ca.pem (docker accepts that), and saves nothing when declined', async () => {
    const other = await tempDir();
    await Promise.all(['server', 'client'].map((dir) => mkdir(path.join(other, dir))));
    await generateTlsMaterial(other, path.join(other, 'server'), path.join(other, 'client'));
    const foreign = path.join(other, 'client');
    api.testing!.scriptAnswers([
      { kind: 'input', value: 'tls-refused' },
      { kind: 'input', value: '127.0.0.1' },
      { kind: 'input', value: tlsPort },
      { kind: 'input', value: '' },
      { kind: 'pick', label: 'development' },
      { kind: 'pick', label: 'Import existing certificates' },
      { kind: 'pick', label: 'Three files: CA certificate, client certificate, client key' },
      { kind: 'files', paths: [path.join(info.tls.clientDir, 'ca.pem')] },
      { kind: 'files', paths: [path.join(foreign, 'cert.pem')] },
      { kind: 'files', paths: [path.join(foreign, 'key.pem')] },
      { kind: 'confirm', button: 'Choose Other Files' },
      { kind: 'pick', label: undefined },
    ]);
    const asked = api.testing!.asked.length;
    await vscode.commands.executeCommand('dockerContextGuard.createTlsContext');
    const warning = api.testing!.asked.slice(asked).find((question) => question.title === 'Import these certificates anyway?');
    assert.match(warning?.detail ?? '', /cert\.pem was signed by "CN=dcg-test-ca", which is not in ca\.pem/);
    assert.equal(await listed('tls-refused'), undefined);
    assert.equal(await api.testing!.secretsOf('tls-refused'), undefined);
  });
});
