/**
 * Access in the real VS Code, judged by openssl, the docker CLI and a real dockerd: Grant Access
 * hands over a certificate of the context's CA with the chosen role (openssl verifies it as a
 * client certificate and reads the role in its subject), as a folder of 0600 files or as an archive
 * `docker context import` takes; the Access node lists every grant (name, role, expiry in words);
 * Revoke marks the row revoked, and says the engine does not enforce yet; Renew issues a new serial
 * and revokes the old. Enforce Access on Engine, through an SSH context to this host (the harness's
 * sshd), makes this suite's own `dockerd --tlsverify` run the plugin: the Access node then says
 * "enforced" with our role, and a revocation reaches the engine (the revoked certificate is refused).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import * as vscode from 'vscode';

import type { ListedContext } from '../../src/core/contexts/contextList';
import type { ExtensionApi } from '../../src/extension';
import { removeHarnessRoot } from '../support/cleanup';
import { DaemonGroup } from '../support/daemons';
import { dockerCli, tlsArgs } from '../support/dockerCli';
import { startTlsDockerd } from '../support/dockerEngines';
import { eventually } from '../support/eventually';
import { loadHarnessInfo } from '../support/harnessInfo';
import { freePort } from '../support/ports';
import { runProcess } from '../support/runProcess';
import { useTempDirs } from '../support/tempDir';
import { childLabelled, labelOf } from '../support/treeNodes';

const openssl = (args: string[], input?: string) => execFileSync('openssl', args, { input, stdio: 'pipe' }).toString();

/** openssl's verdict: does `caFile` verify the certificate in `certFile` as a TLS client's? */
function opensslVerifies(caFile: string, certFile: string): boolean {
  try {
    openssl(['verify', '-x509_strict', '-purpose', 'sslclient', '-CAfile', caFile, certFile]);
    return true;
  } catch {
    return false;
  }
}

describe('Access: Grant, the Access list, Revoke, Renew, Enforce', () => {
  const info = loadHarnessInfo();
  const docker = dockerCli(info.dockerConfig);
  const tempDir = useTempDirs('access');
  const daemons = new DaemonGroup();
  const name = 'access-made';
  const sshName = 'access-ssh';
  const plugin = 'dcg-authz';
  let api: ExtensionApi;
  let bundle: string;
  let out: string;
  let engineRoot: string;
  let engineDir: string;
  let port: number;

  const listed = async (contextName: string) => (await api.contexts.refresh()).contexts.find((context) => context.name === contextName) as ListedContext;
  const item = async (element: unknown) => (await api.tree.getTreeItem(element)) as vscode.TreeItem;
  const accessNode = async () => childLabelled(api.tree, await listed(name), 'Access');
  const rows = async () => {
    const children = (await api.tree.getChildren(await accessNode())) ?? [];
    return Promise.all(children.map(async (child) => ({ child, item: await item(child), label: await labelOf(api.tree, child) })));
  };
  const row = async (label: string) => {
    const found = (await rows()).find((each) => each.label === label);
    assert.ok(found, `no row "${label}"`);
    return found;
  };
  const notices = () => api.testing!.notices;
  const cliEnv = { ...process.env, DOCKER_CONTEXT: '', DOCKER_HOST: '' };

  before(async function () {
    this.timeout(120_000);
    api = await vscode.extensions.getExtension<ExtensionApi>('docker-context-guard.docker-context-guard')!.activate();
    bundle = await tempDir();
    out = await tempDir();
    // Not a tempDir(): those go before this suite's after() has stopped the dockerd that uses it.
    engineRoot = await mkdtemp(path.join(tmpdir(), 'dcg-acc-'));
    engineDir = path.join(engineRoot, 'engine');
    port = await freePort();
    api.testing!.scriptAnswers([
      { kind: 'input', value: name },
      { kind: 'input', value: '127.0.0.1' },
      { kind: 'input', value: String(port) },
      { kind: 'input', value: '' },
      { kind: 'pick', label: 'development' },
      { kind: 'pick', label: 'Generate new certificates' },
      { kind: 'pick', label: 'ecdsa-p256' },
      { kind: 'files', paths: [bundle] },
    ]);
    await vscode.commands.executeCommand('dockerContextGuard.createTlsContext');
    // The engine of the context: a dockerd of this suite's own, serving the bundle Create TLS Context wrote.
    const client = await api.testing!.secretsOf(name);
    await startTlsDockerd(
      daemons,
      'dockerd (access)',
      engineDir,
      path.join(path.dirname(engineDir), 'x'),
      { ca: path.join(bundle, 'ca.pem'), cert: path.join(bundle, 'server-cert.pem'), key: path.join(bundle, 'server-key.pem') },
      { ca: Buffer.from(client!.caPem), cert: Buffer.from(client!.certPem), key: Buffer.from(client!.keyPem) },
      undefined,
      [],
      port,
    );
    await docker.ok('context', 'create', sshName, '--docker', `host=${info.ssh.host}`);
    await eventually(
      async () => Promise.all(((await api.tree.getChildren(await listed(name))) ?? []).map((child) => labelOf(api.tree, child))),
      (labels) => labels.includes('Access'),
      'the Access node once the CA key is known',
      10_000,
    );
  });

  after(async function () {
    this.timeout(60_000);
    rmSync(`/etc/docker/plugins/${plugin}.spec`, { force: true });
    await runProcess('sh', ['-c', `kill "$(cat /var/lib/docker-context-guard/${plugin}/serve.pid)" 2>/dev/null; true`]);
    rmSync(`/var/lib/docker-context-guard/${plugin}`, { recursive: true, force: true });
    await daemons.stopAll();
    if (engineRoot) await removeHarnessRoot(engineRoot);
    for (const each of [name, sshName, 'access-imported']) await docker.run('context', 'rm', '-f', each);
  });

  it('Grant Access hands over a folder: a client certificate of the CA, with the role, its key 0600', async function () {
    this.timeout(30_000);
    const folder = path.join(out, 'alice');
    const before = notices().length;
    api.testing!.scriptAnswers([
      { kind: 'input', value: 'alice' },
      { kind: 'pick', label: 'operator' },
      { kind: 'pick', label: 'Folder' },
      { kind: 'files', paths: [folder] },
    ]);
    await vscode.commands.executeCommand('dockerContextGuard.grantAccess', await listed(name));
    const cert = path.join(folder, 'cert.pem');
    assert.equal(opensslVerifies(path.join(bundle, 'ca.pem'), cert), true, 'the CA verifies it');
    assert.equal(readFileSync(path.join(folder, 'ca.pem'), 'utf8'), readFileSync(path.join(bundle, 'ca.pem'), 'utf8'));
    assert.match(openssl(['x509', '-noout', '-subject', '-nameopt', 'RFC2253', '-in', cert]), /CN=alice,OU=role=operator/);
    for (const file of ['ca.pem', 'cert.pem', 'key.pem']) assert.equal(statSync(path.join(folder, file)).mode & 0o777, 0o600, file);
    const serial = openssl(['x509', '-noout', '-serial', '-in', cert]).trim().split('=')[1].replace(/^0+/, '');
    assert.match(
      notices().slice(before).join('\n'),
      new RegExp(`Issued a operator certificate for alice \\(serial ${serial}, valid 30 days\\).*does not enforce access yet`),
    );
  });

  it('Grant Access hands over an archive docker context import takes: same endpoint, the new certificate', async function () {
    this.timeout(30_000);
    const archive = path.join(out, 'ci.dockercontext');
    api.testing!.scriptAnswers([
      { kind: 'input', value: 'ci bot' },
      { kind: 'pick', label: 'viewer' },
      { kind: 'pick', label: 'Context archive' },
      { kind: 'files', paths: [archive] },
    ]);
    await vscode.commands.executeCommand('dockerContextGuard.grantAccess', await listed(name));
    assert.equal(statSync(archive).mode & 0o777, 0o600);
    await docker.ok('context', 'import', 'access-imported', archive);
    const [inspected] = JSON.parse(await docker.ok('context', 'inspect', 'access-imported')) as [
      { Endpoints: { docker: { Host: string } }; Storage: { TLSPath: string } },
    ];
    assert.equal(inspected.Endpoints.docker.Host, `tcp://127.0.0.1:${port}`);
    const tls = path.join(inspected.Storage.TLSPath, 'docker');
    assert.equal(opensslVerifies(path.join(bundle, 'ca.pem'), path.join(tls, 'cert.pem')), true);
    assert.match(openssl(['x509', '-noout', '-subject', '-nameopt', 'RFC2253', '-in', path.join(tls, 'cert.pem')]), /CN=ci bot,OU=role=viewer/);
    // The engine takes it (it enforces nothing yet): the docker CLI, with the imported context.
    assert.match(await docker.ok('--context', 'access-imported', 'version', '--format', '{{.Server.Version}}'), /^\d+\./);
  });

  it('the Access node lists every grant, newest first: name, role and expiry in words; not enforced yet', async function () {
    this.timeout(20_000);
    const node = await item(await accessNode());
    await eventually(
      async () => String((await item(await accessNode())).description),
      (description) => description === 'not enforced by the engine',
      'the Access node to say the engine enforces nothing',
      10_000,
    );
    assert.equal((node.iconPath as vscode.ThemeIcon).id, 'unlock');
    const listedRows = await rows();
    assert.deepEqual(
      listedRows.map(({ label, item: rowItem }) => [label, rowItem.description, (rowItem.iconPath as vscode.ThemeIcon).id, rowItem.contextValue]),
      [
        ['ci bot', 'viewer · expires in 29 days', 'person', 'accessCertificate valid'],
        ['alice', 'operator · expires in 29 days', 'person', 'accessCertificate valid'],
      ],
    );
  });

  it('Revoke marks the row revoked and says the engine does not enforce it yet', async function () {
    this.timeout(20_000);
    const before = notices().length;
    const alice = (await row('alice')).child;
    api.testing!.scriptAnswers([{ kind: 'confirm', button: 'Revoke' }]);
    await vscode.commands.executeCommand('dockerContextGuard.revokeAccess', alice);
    const revoked = await row('alice');
    assert.deepEqual(
      [revoked.item.description, (revoked.item.iconPath as vscode.ThemeIcon).id, revoked.item.contextValue],
      ['operator · revoked', 'circle-slash', 'accessCertificate revoked'],
    );
    assert.match(
      notices().slice(before).join('\n'),
      /Revoked the operator certificate of alice .*The engine does not enforce access yet, so it still accepts this certificate/,
    );
  });

  it('Renew issues a new serial for the same name and role, and revokes the old', async function () {
    this.timeout(30_000);
    const old = await row('ci bot');
    const folder = path.join(out, 'ci-renewed');
    api.testing!.scriptAnswers([
      { kind: 'pick', label: 'Folder' },
      { kind: 'files', paths: [folder] },
    ]);
    await vscode.commands.executeCommand('dockerContextGuard.renewAccess', old.child);
    const ciRows = (await rows()).filter((each) => each.label === 'ci bot');
    assert.deepEqual(
      ciRows.map((each) => each.item.description),
      ['viewer · expires in 29 days', 'viewer · revoked'],
    );
    const tooltip = (ciRows[1].item.tooltip as vscode.MarkdownString).value;
    const newSerial = openssl(['x509', '-noout', '-serial', '-in', path.join(folder, 'cert.pem')])
      .trim()
      .split('=')[1]
      .replace(/^0+/, '');
    assert.match(tooltip, new RegExp(`Replaced by \\| ${newSerial}`));
  });

  it('Enforce Access on Engine through the SSH context: the node says enforced with our role; a revocation reaches the engine', async function () {
    this.timeout(120_000);
    api.testing!.scriptAnswers([
      { kind: 'pick', label: sshName },
      { kind: 'input', value: path.join(engineDir, 'daemon.json') },
      { kind: 'input', value: path.join(engineDir, 'dockerd.pid') },
      { kind: 'confirm', button: 'Enforce Access' },
    ]);
    await vscode.commands.executeCommand('dockerContextGuard.enforceAccess', await listed(name));
    const description = await eventually(
      async () => String((await item(await accessNode())).description),
      (text) => text.startsWith('enforced'),
      'the Access node to say enforced',
      15_000,
    );
    assert.equal(description, `enforced (${plugin}) · you: admin`);
    // The guard's question names the role the engine gives us.
    // The guard's question names the role the engine gives us (a request as the sidebar's Remove makes it).
    const asked = api.testing!.asked.length;
    api.testing!.scriptAnswers([{ kind: 'confirm', button: 'Remove' }]);
    await api.engines.guard.run(
      { context: await listed(name), operation: 'volume rm', operationClass: 'destroy', targets: ['access-guarded'], source: 'ui' },
      async () => undefined,
    );
    assert.equal(api.testing!.asked[asked]?.title, `Remove access-guarded on development engine "${name}" as admin?`);
    // The renewed ci bot certificate is a viewer's: the engine refuses it a change now.
    const renewed = path.join(out, 'ci-renewed');
    const refused = await runProcess('docker', [...tlsArgs(renewed, `tcp://127.0.0.1:${port}`), 'volume', 'create', 'access-viewer-try'], { env: cliEnv });
    assert.match(refused.stderr, new RegExp(`authorization denied by plugin ${plugin}`));
    // Revoking it now reaches the plugin's policy: even a read is refused from the next request on.
    const valid = (await rows()).find((each) => each.label === 'ci bot' && /expires/.test(String(each.item.description)));
    assert.ok(valid, 'the renewed ci bot row');
    const before = notices().length;
    api.testing!.scriptAnswers([{ kind: 'confirm', button: 'Revoke' }]);
    await vscode.commands.executeCommand('dockerContextGuard.revokeAccess', valid.child);
    assert.match(notices().slice(before).join('\n'), new RegExp(`refuses it from its next request on \\(revoked in its policy through "${sshName}"\\)`));
    const read = await runProcess('docker', [...tlsArgs(renewed, `tcp://127.0.0.1:${port}`), 'volume', 'ls'], { env: cliEnv });
    assert.match(read.stderr, new RegExp(`authorization denied by plugin ${plugin}`));
  });
});
