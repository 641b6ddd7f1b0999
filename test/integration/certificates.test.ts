/**
 * The certificate commands in the real VS Code, judged by openssl and by what the user sees:
 * Rotate Client Certificate stays offered after Export Keys (the CA key is still held) and says
 * the old certificate is still accepted; Rotate CA gives every context of the CA a client
 * certificate of the new CA (openssl verifies it against the new CA, not the old) wherever each
 * keeps its keys, the open Inspect documents follow, and its bundle never goes into a git work
 * tree unasked; an Inspect Context document follows a tier change; the expiry warning gives the
 * tree's figure, is not repeated once acknowledged, and is news again for a new certificate.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

import * as vscode from 'vscode';

import { generateCertificateSet } from '../../src/core/certificates/certificateSet';
import type { ListedContext } from '../../src/core/contexts/contextList';
import type { ExtensionApi } from '../../src/extension';
import { dockerCli } from '../support/dockerCli';
import { eventually } from '../support/eventually';
import { loadHarnessInfo } from '../support/harnessInfo';
import { repoRoot } from '../support/repoPaths';
import { useTempDirs } from '../support/tempDir';

const dayMs = 86_400_000;

/** openssl's verdict: does `caFile` verify `certPem` as a client certificate? */
function opensslVerifies(dir: string, caFile: string, certPem: string): boolean {
  const certFile = path.join(dir, `verify-${Date.now()}-${Math.random()}.pem`);
  writeFileSync(certFile, certPem);
  try {
    execFileSync('openssl', ['verify', '-x509_strict', '-purpose', 'sslclient', '-CAfile', caFile, certFile], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

/** The `when` clause of a context-menu entry, as a test on a tree item's contextValue. */
function menuShows(command: string, contextValue: string): boolean {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: { menus: Record<string, { command: string; when?: string }[]> };
  };
  const entry = manifest.contributes.menus['view/item/context'].find((item) => item.command === `dockerContextGuard.${command}`);
  assert.ok(entry?.when, `no menu entry for ${command}`);
  const wanted = [...entry.when.matchAll(/viewItem =~ \/(.+?)\/(?=\s|\)|$)/g)].map((match) => new RegExp(match[1]));
  return wanted.length > 0 && wanted.every((pattern) => pattern.test(contextValue));
}

describe('Certificates: rotation, inspect documents, expiry warning', () => {
  const info = loadHarnessInfo();
  const docker = dockerCli(info.dockerConfig);
  const tempDir = useTempDirs('certificates');
  const tlsPort = new URL(info.tls.host).port;
  const made = 'cert-made';
  const files = 'cert-files';
  const soon = 'cert-soon';
  let api: ExtensionApi;
  let bundle: string;
  let work: string;

  const listed = async (name: string) => (await api.contexts.refresh()).contexts.find((context) => context.name === name) as ListedContext;
  const storeDir = async (name: string) => path.join(JSON.parse(await docker.ok('context', 'inspect', name))[0].Storage.TLSPath as string, 'docker');
  const treeItem = async (name: string) => (await api.tree.getTreeItem(await listed(name))) as vscode.TreeItem;
  const tooltipText = (item: vscode.TreeItem) => (item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip));
  const openDocument = async (command: string, name: string) => {
    await vscode.commands.executeCommand(`dockerContextGuard.${command}`, await listed(name));
    return vscode.window.activeTextEditor!.document;
  };

  before(async function () {
    this.timeout(60_000);
    api = await vscode.extensions.getExtension<ExtensionApi>('docker-context-guard.docker-context-guard')!.activate();
    bundle = await tempDir();
    work = await tempDir();
    api.testing!.scriptAnswers([
      { kind: 'input', value: made },
      { kind: 'input', value: '127.0.0.1' },
      { kind: 'input', value: tlsPort },
      { kind: 'input', value: '' },
      { kind: 'pick', label: 'development' },
      { kind: 'pick', label: 'Generate new certificates' },
      { kind: 'pick', label: 'ecdsa-p256' },
      { kind: 'files', paths: [bundle] },
    ]);
    await vscode.commands.executeCommand('dockerContextGuard.createTlsContext');
    // A second context of the same CA, its files in the Docker CLI's store (any certificate will do as its client's).
    await docker.ok(
      'context',
      'create',
      files,
      '--docker',
      `host=tcp://127.0.0.1:${tlsPort},ca=${path.join(bundle, 'ca.pem')},cert=${path.join(bundle, 'server-cert.pem')},key=${path.join(bundle, 'server-key.pem')}`,
    );
    await listed(files);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const name of [made, files, soon]) await docker.run('context', 'rm', '-f', name);
  });

  it('keeps Rotate offered after Export Keys, and Rotate Client Certificate says the old certificate is still accepted', async function () {
    this.timeout(30_000);
    api.testing!.scriptAnswers([{ kind: 'confirm', button: 'Export Keys' }]);
    await vscode.commands.executeCommand('dockerContextGuard.exportKeysToDockerCli', await listed(made));
    const item = await eventually(
      () => treeItem(made),
      (value) => /\bcaKey\b/.test(String(value.contextValue)),
      'the CA key flag after Export Keys',
      10_000,
    );
    assert.ok(!/\bsecretKeys\b/.test(String(item.contextValue)), 'the client keys left SecretStorage');
    assert.equal(menuShows('rotateClientCertificate', String(item.contextValue)), true, 'Rotate Client Certificate in the menu');
    assert.equal(menuShows('rotateCa', String(item.contextValue)), true, 'Rotate CA in the menu');

    const before = readFileSync(path.join(await storeDir(made), 'cert.pem'), 'utf8');
    const notices = api.testing!.notices.length;
    await vscode.commands.executeCommand('dockerContextGuard.rotateClientCertificate', await listed(made));
    const after = readFileSync(path.join(await storeDir(made), 'cert.pem'), 'utf8');
    assert.notEqual(after, before, 'the new certificate went where the context keeps its keys');
    assert.equal(opensslVerifies(work, path.join(bundle, 'ca.pem'), after), true);
    const said = api.testing!.notices.slice(notices).join('\n');
    assert.match(
      said,
      new RegExp(
        `"${made}" now uses a new client certificate.*The engine still accepts the old one until it expires in \\d+ days: dockerd has no revocation list\\. To revoke it, rotate the CA`,
      ),
    );
  });

  it('asks before writing a server bundle into a git work tree, and writes nothing when declined', async () => {
    const repository = await tempDir();
    mkdirSync(path.join(repository, '.git'));
    const inside = path.join(repository, 'deploy');
    mkdirSync(inside);
    const asked = api.testing!.asked.length;
    api.testing!.scriptAnswers([
      { kind: 'files', paths: [inside] },
      { kind: 'confirm', button: undefined },
    ]);
    await vscode.commands.executeCommand('dockerContextGuard.rotateCa', await listed(made));
    const warning = api.testing!.asked.slice(asked).find((question) => question.kind === 'confirm');
    assert.equal(warning?.title, `${inside} is inside a git work tree`);
    assert.match(warning?.detail ?? '', /server-key\.pem/);
    assert.deepEqual(readdirSync(inside), []);
  });

  it('Rotate CA: every context of the CA gets a client certificate of the new CA, wherever it keeps its keys; open documents follow', async function () {
    this.timeout(60_000);
    const oldCa = path.join(bundle, 'ca.pem');
    const certificatesDocument = await openDocument('inspectCertificates', files);
    const oldFingerprint = JSON.parse(certificatesDocument.getText()).ca.fingerprintSha256 as string;
    const newBundle = await tempDir();
    const asked = api.testing!.asked.length;
    api.testing!.scriptAnswers([
      { kind: 'files', paths: [newBundle] },
      { kind: 'confirm', button: 'Rotate CA' },
    ]);
    await vscode.commands.executeCommand('dockerContextGuard.rotateCa', await listed(made));
    const confirmation = api.testing!.asked.slice(asked).find((question) => question.kind === 'confirm');
    assert.match(confirmation?.title ?? '', new RegExp(`Replace the CA of "${made}" and 1 more context\\?`));
    for (const name of [made, files]) assert.match(confirmation?.detail ?? '', new RegExp(`• ${name}: .*key\\.pem 0600`));

    const newCa = path.join(newBundle, 'ca.pem');
    for (const name of [made, files]) {
      const dir = await storeDir(name);
      const cert = readFileSync(path.join(dir, 'cert.pem'), 'utf8');
      assert.equal(opensslVerifies(work, newCa, cert), true, `${name}: the new CA verifies its certificate`);
      assert.equal(opensslVerifies(work, oldCa, cert), false, `${name}: the old CA does not`);
      assert.equal(readFileSync(path.join(dir, 'ca.pem'), 'utf8'), readFileSync(newCa, 'utf8'), `${name}: trusts the new CA`);
    }
    const secrets = await api.testing!.secretsOf(made);
    assert.equal(secrets?.caPem, readFileSync(newCa, 'utf8'));
    const caKeyMatches =
      execFileSync('sh', ['-c', 'openssl pkey -pubout | openssl sha256'], { input: secrets?.caKeyPem }).toString() ===
      execFileSync('sh', ['-c', 'openssl x509 -noout -pubkey | openssl sha256'], { input: readFileSync(newCa) }).toString();
    assert.equal(caKeyMatches, true, 'SecretStorage holds the new CA key for the next rotation');
    assert.match(readFileSync(path.join(newBundle, 'README.md'), 'utf8'), /This CA replaces the engine's earlier one/);

    const current = await eventually(
      () => certificatesDocument.getText(),
      (text) => !text.includes(oldFingerprint),
      'the open Inspect Certificates document to follow',
      10_000,
    );
    assert.equal(
      JSON.parse(current).ca.fingerprintSha256,
      execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], { input: readFileSync(newCa) })
        .toString()
        .trim()
        .split('=')[1],
    );
  });

  it('an open Inspect Context document follows a tier change', async function () {
    this.timeout(20_000);
    const document = await openDocument('inspectContext', files);
    assert.doesNotMatch(document.getText(), /"tier": "production"/);
    api.testing!.scriptAnswers([{ kind: 'pick', label: 'production' }]);
    await vscode.commands.executeCommand('dockerContextGuard.setTier', await listed(files));
    await eventually(
      () => document.getText(),
      (text) => /"tier": "production"/.test(text),
      'the document to show the new tier',
      10_000,
    );
    const reopened = await openDocument('inspectContext', files);
    assert.match(reopened.getText(), /"tier": "production"/);
  });

  it('the expiry warning says what the tree says, is not repeated once acknowledged, and is news for a new certificate', async function () {
    this.timeout(60_000);
    const writeSet = async (dir: string, daysLeft: number) => {
      // 90-day certificates issued 90 - daysLeft days ago (and a few hours more, so the figure is not on a boundary).
      const set = await generateCertificateSet({
        host: '127.0.0.1',
        keyType: 'ecdsa-p256',
        now: new Date(Date.now() - (90 - daysLeft) * dayMs - 3 * 3_600_000),
      });
      writeFileSync(path.join(dir, 'ca.pem'), set.ca.certPem);
      writeFileSync(path.join(dir, 'cert.pem'), set.client.certPem);
      writeFileSync(path.join(dir, 'key.pem'), set.client.keyPem, { mode: 0o600 });
    };
    const first = await tempDir();
    await writeSet(first, 3);
    const notices = api.testing!.notices.length;
    await docker.ok('context', 'create', soon, '--docker', `host=tcp://127.0.0.1:${tlsPort},ca=${first}/ca.pem,cert=${first}/cert.pem,key=${first}/key.pem`);
    const warnings = () => api.testing!.notices.slice(notices).filter((notice) => notice.includes(`"${soon}"`));
    const [warning] = await eventually(warnings, (shown) => shown.length > 0, 'the expiry warning', 10_000);
    const figure = /expires (in \d+ days?)\./.exec(warning)?.[1];
    assert.ok(figure, warning);
    const item = await treeItem(soon);
    // The row names it where it fits, its accessible label always (rows.test.ts): the same figure.
    assert.match(String(item.accessibilityInformation?.label), new RegExp(`certificate expires ${figure}`));
    assert.match(tooltipText(item), new RegExp(`Client certificate: .*expires ${figure}`));
    const inspected = JSON.parse((await openDocument('inspectCertificates', soon)).getText());
    assert.equal(inspected.expiresIn, figure);

    // Closing the notice acknowledges it: refreshes do not bring it back.
    await vscode.commands.executeCommand('notifications.clearAll');
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (let i = 0; i < 3; i++) await listed(soon);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(warnings().length, 1, warnings().join('\n'));

    // A new certificate (still expiring soon) is news.
    const second = await tempDir();
    await writeSet(second, 5);
    await docker.ok('context', 'update', soon, '--docker', `host=tcp://127.0.0.1:${tlsPort},ca=${second}/ca.pem,cert=${second}/cert.pem,key=${second}/key.pem`);
    await eventually(
      async () => (await listed(soon), warnings()),
      (shown) => shown.length === 2,
      'the warning for the new certificate',
      10_000,
    );
  });
});
