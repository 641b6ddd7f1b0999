/**
 * Import and export of `.dockercontext` archives in the real VS Code, interchangeable with the
 * docker CLI both ways; a hostile archive is refused and writes nothing. Also the certificate
 * commands of a generated context: Inspect Certificates and Rotate Client Certificate.
 */
import * as assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import * as path from 'node:path';

import * as vscode from 'vscode';

import type { ListedContext } from '../../src/core/contexts/contextList';
import type { ExtensionApi } from '../../src/extension';
import { dockerCli } from '../support/dockerCli';
import { loadHarnessInfo } from '../support/harnessInfo';
import { runProcess } from '../support/runProcess';
import { useTempDirs } from '../support/tempDir';

describe('context archives and certificate commands', () => {
  const info = loadHarnessInfo();
  const docker = dockerCli(info.dockerConfig);
  const tempDir = useTempDirs('archives');
  let api: ExtensionApi;
  const listed = async (name: string) => (await api.contexts.refresh()).contexts.find((context) => context.name === name);
  const names = async () => (await docker.ok('context', 'ls', '--format', '{{.Name}}')).trim().split('\n');

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>('docker-context-guard.docker-context-guard')!.activate();
    const pem = (file: string) => path.join(info.tls.clientDir, file);
    await docker.ok('context', 'create', 'arch-src', '--docker', `host=${info.tls.host},ca=${pem('ca.pem')},cert=${pem('cert.pem')},key=${pem('key.pem')}`);
  });

  after(async () => {
    for (const name of ['arch-src', 'arch-imported', 'arch-roundtrip', 'arch-rotate', 'arch-prod-eu', 'arch-prod-us'])
      await docker.run('context', 'rm', '-f', name);
  });

  it('imports what docker context export wrote, keys to SecretStorage, and reaches the engine', async () => {
    const file = path.join(await tempDir(), 'src.dockercontext');
    await docker.ok('context', 'export', 'arch-src', file);
    api.testing!.scriptAnswers([
      { kind: 'files', paths: [file] },
      { kind: 'input', value: 'arch-imported' },
      { kind: 'pick', label: 'Keys in VS Code SecretStorage' },
    ]);
    await vscode.commands.executeCommand('dockerContextGuard.importContext');
    const context = await listed('arch-imported');
    assert.deepEqual([context?.transport, context?.keysInSecretStorage], ['tls', true]);
    assert.match((await api.testing!.secretsOf('arch-imported'))?.keyPem ?? '', /PRIVATE KEY/);
    await api.engines.probe([context!]);
    const health = api.engines.healthOf('arch-imported');
    assert.ok(typeof health === 'object' && health.reachable, JSON.stringify(health));
  });

  it('exports a context with keys in SecretStorage (after a warning, 0600) that docker context import accepts', async () => {
    const file = path.join(await tempDir(), 'out.dockercontext');
    api.testing!.scriptAnswers([
      { kind: 'files', paths: [file] },
      { kind: 'confirm', button: 'Export' },
    ]);
    await vscode.commands.executeCommand('dockerContextGuard.exportContext', await listed('arch-imported'));
    assert.equal(statSync(file).mode & 0o777, 0o600);
    await docker.ok('context', 'import', 'arch-roundtrip', file);
    assert.match(await docker.ok('--context', 'arch-roundtrip', 'version', '--format', '{{.Server.Version}}'), /^\d+\./);
  });

  it("asks before keeping an archive's tier laxer than the name gives, and keeps the stricter one when refused", async () => {
    const file = path.join(await tempDir(), 'lax.dockercontext');
    const script = `import tarfile,io,sys\nt=tarfile.open(sys.argv[1],'w')\nd=b'{"Name":"x","Metadata":{"DockerContextGuard":{"tier":"local"}},"Endpoints":{"docker":{"Host":"ssh://ops@engine.example"}}}'\ni=tarfile.TarInfo('meta.json'); i.size=len(d); t.addfile(i,io.BytesIO(d))\nt.close()`;
    const made = await runProcess('python3', ['-c', script, file]);
    assert.equal(made.code, 0, made.stderr);
    for (const [name, button, tier] of [
      ['arch-prod-eu', undefined, 'production'],
      ['arch-prod-us', 'Keep local', 'local'],
    ] as const) {
      api.testing!.scriptAnswers([
        { kind: 'files', paths: [file] },
        { kind: 'input', value: name },
        { kind: 'confirm', button },
      ]);
      await vscode.commands.executeCommand('dockerContextGuard.importContext');
      assert.equal((await listed(name))?.tier, tier, name);
    }
  });

  it('refuses a hostile archive with the reason and writes nothing', async () => {
    const file = path.join(await tempDir(), 'evil.dockercontext');
    const script = `import tarfile,io,sys\nt=tarfile.open(sys.argv[1],'w')\nfor n,d in [('meta.json',b'{"Name":"x","Metadata":{},"Endpoints":{"docker":{"Host":"unix:///x"}}}'),('../evil',b'x')]:\n  i=tarfile.TarInfo(n); i.size=len(d); t.addfile(i,io.BytesIO(d))\nt.close()`;
    const made = await runProcess('python3', ['-c', script, file]);
    assert.equal(made.code, 0, made.stderr);
    const before = await names();
    api.testing!.scriptAnswers([{ kind: 'files', paths: [file] }]);
    await vscode.commands.executeCommand('dockerContextGuard.importContext');
    assert.deepEqual(await names(), before);
  });

  it('rotates the client certificate of a generated context with its CA key, and inspects the certificates', async () => {
    api.testing!.scriptAnswers([
      { kind: 'input', value: 'arch-rotate' },
      { kind: 'input', value: '127.0.0.1' },
      { kind: 'input', value: '2376' },
      { kind: 'input', value: '' },
      { kind: 'pick', label: 'development' },
      { kind: 'pick', label: 'Generate new certificates' },
      { kind: 'pick', label: 'ecdsa-p256' },
      { kind: 'files', paths: [await tempDir()] },
    ]);
    await vscode.commands.executeCommand('dockerContextGuard.createTlsContext');
    const before = await api.testing!.secretsOf('arch-rotate');
    await vscode.commands.executeCommand('dockerContextGuard.rotateClientCertificate', await listed('arch-rotate'));
    const after = await api.testing!.secretsOf('arch-rotate');
    assert.ok(before && after);
    assert.notEqual(after.certPem, before.certPem);
    assert.notEqual(after.keyPem, before.keyPem);
    assert.equal(after.caPem, before.caPem);
    await vscode.commands.executeCommand('dockerContextGuard.inspectCertificates', (await listed('arch-rotate')) as ListedContext);
    const text = vscode.window.activeTextEditor?.document.getText() ?? '';
    const shown = JSON.parse(text) as { client: { subject: string; extKeyUsage: string[] }; ca: { isCA: boolean } };
    assert.deepEqual(shown.client.extKeyUsage, ['clientAuth']);
    assert.equal(shown.ca.isCA, true);
    assert.doesNotMatch(text, /PRIVATE KEY/);
  });
});
