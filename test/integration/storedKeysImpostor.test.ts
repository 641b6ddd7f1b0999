/**
 * The attacker of issue 10 in the real VS Code: a context keeps its keys in SecretStorage and
 * reaches the harness's TLS engine; it is removed with `docker context rm`, and a context of the
 * same name — imported with `docker context import`, our marker kept — points at an HTTPS server
 * that records every client certificate it is offered, with SkipTLSVerify and without. The
 * impostor must get no connection from a probe, a tree expansion or an action; the tooltip shows
 * none of production's certificate details; Export Keys asks and, declined, writes nothing;
 * the same engine under another spelling is reached once the user agrees (typed name on
 * production); and the orphan command lists and deletes keys whose context is gone.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

import * as vscode from 'vscode';

import type { ExtensionApi } from '../../src/extension';
import { type CertRecordingServer, certRecordingServer, impostorPem } from '../support/certRecordingServer';
import { dockerCli } from '../support/dockerCli';
import { eventually } from '../support/eventually';
import { loadHarnessInfo } from '../support/harnessInfo';
import { hoverText } from '../support/markdownOracle';
import { useTempDirs } from '../support/tempDir';

describe('Stored TLS keys against an impostor of the same name', () => {
  const info = loadHarnessInfo();
  const docker = dockerCli(info.dockerConfig);
  const tempDir = useTempDirs('impostor');
  const name = 'keys-prod';
  let api: ExtensionApi;
  let impostor: CertRecordingServer;
  let dir: string;

  const listed = async () => (await api.contexts.refresh()).contexts.find((context) => context.name === name)!;
  const item = async () => api.tree.getTreeItem(await listed()) as vscode.TreeItem;
  const probe = async () => {
    await vscode.commands.executeCommand('dockerContextGuard.refresh');
    return api.engines.healthOf(name);
  };
  const asked = () => api.testing!.asked.map((question) => question.title);
  /** The one message the tree shows in place of the engine's contents. */
  const messageItem = async () => {
    const children = (await api.tree.getChildren(await listed())) ?? [];
    assert.equal(children.length, 1);
    return (await api.tree.getTreeItem(children[0])) as vscode.TreeItem;
  };
  let archives = 0;

  /** A context named `target` at `host`, carrying our SecretStorage marker, made the way an attacker's archive would be: docker context import. */
  async function importNamed(target: string, host: string, skipTLSVerify: boolean): Promise<void> {
    const source = 'keys-prod-source';
    await docker.run('context', 'rm', '-f', target, source);
    await docker.ok('context', 'create', source, '--docker', `host=${host},skip-tls-verify=${skipTLSVerify}`);
    const metaFile = path.join(JSON.parse(await docker.ok('context', 'inspect', source))[0].Storage.MetadataPath as string, 'meta.json');
    const meta = JSON.parse(await readFile(metaFile, 'utf8'));
    await writeFile(metaFile, JSON.stringify({ ...meta, Metadata: { ...meta.Metadata, DockerContextGuard: { keys: 'secretStorage' } } }));
    const archive = path.join(dir, `${target}-${(archives += 1)}.dockercontext`);
    await docker.ok('context', 'export', source, archive);
    await docker.ok('context', 'rm', '-f', source);
    await docker.ok('context', 'import', target, archive);
  }

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>('docker-context-guard.docker-context-guard')!.activate();
    dir = await tempDir();
    impostor = await certRecordingServer(await impostorPem(dir));
    const pem = (file: string) => path.join(info.tls.clientDir, file);
    await docker.ok('context', 'create', name, '--docker', `host=${info.tls.host},ca=${pem('ca.pem')},cert=${pem('cert.pem')},key=${pem('key.pem')}`);
    await api.contexts.refresh();
    api.testing!.scriptAnswers([{ kind: 'confirm', button: 'Delete Files' }]);
    await vscode.commands.executeCommand('dockerContextGuard.moveKeysToSecretStorage', await listed());
  });

  after(async () => {
    await docker.run('context', 'rm', '-f', name);
    await impostor.close();
  });

  it('the keys, bound to the harness engine, reach it', async () => {
    assert.equal((await listed()).keysInSecretStorage, true);
    assert.equal((await api.testing!.secretsOf(name))?.endpoint, info.tls.host);
    const health = await probe();
    assert.ok(typeof health === 'object' && health.reachable, JSON.stringify(health));
  });

  for (const skipTLSVerify of [false, true]) {
    it(`after docker context rm, a same-named import at the impostor (SkipTLSVerify ${skipTLSVerify}) gets nothing: probe, tree, tooltip, actions, Export Keys`, async () => {
      await importNamed(name, impostor.host, skipTLSVerify);
      const context = await listed();
      assert.deepEqual([context.host, context.keysInSecretStorage, context.skipTLSVerify, context.tier], [impostor.host, true, skipTLSVerify, 'production']);
      const reason = skipTLSVerify ? 'keysUnverified' : 'keysBoundElsewhere';

      const health = await probe();
      assert.ok(typeof health === 'object' && !health.reachable && health.errorReason === reason, JSON.stringify(health));
      const label = skipTLSVerify ? 'keys withheld: SkipTLSVerify' : 'keys bound to another endpoint';
      const shown = await eventually(item, (treeItem) => String(treeItem.accessibilityInformation?.label).includes(label), `the tree to say "${label}"`);
      const hover = hoverText((shown.tooltip as vscode.MarkdownString).value);
      assert.doesNotMatch(hover, /dcg-test-client|dcg-test-ca|Client certificate:/, "none of production's certificate details");
      assert.match(
        hover,
        skipTLSVerify ? /Stored keys not used: .*SkipTLSVerify/ : new RegExp(`Stored keys not used: .*made for ${info.tls.host.replace(/\./g, '\\.')}`),
      );

      // Expanding the tree lists nothing, and asks nothing.
      const before = asked().length;
      const message = await messageItem();
      assert.match(String(message.label), skipTLSVerify ? /says SkipTLSVerify/ : /were made for/);
      assert.equal(asked().length, before, 'a tree expansion never asks');

      // An action asks first (or, with SkipTLSVerify, refuses); declined, nothing is sent.
      if (!skipTLSVerify)
        api.testing!.scriptAnswers([
          { kind: 'input', value: undefined },
          { kind: 'input', value: undefined },
        ]);
      // A click on the message (keys bound elsewhere) asks; with SkipTLSVerify there is nothing to click, and the command refuses.
      assert.equal(message.command?.command, skipTLSVerify ? undefined : 'dockerContextGuard.useStoredKeysHere');
      await vscode.commands.executeCommand('dockerContextGuard.useStoredKeysHere', context);
      await vscode.commands.executeCommand('dockerContextGuard.exportKeysToDockerCli', context);
      if (skipTLSVerify) {
        assert.equal(asked().length, before, 'SkipTLSVerify is refused, never asked');
      } else {
        const question = `The TLS keys stored for "${name}" were made for ${info.tls.host}; this context now points at ${impostor.host}. Use them for ${impostor.host}?`;
        assert.deepEqual(asked().slice(before), [question, question]);
      }
      assert.ok(
        !existsSync(path.join(JSON.parse(await docker.ok('context', 'inspect', name))[0].Storage.TLSPath as string, 'docker', 'key.pem')),
        'no key written next to the impostor',
      );
      assert.equal((await listed()).keysInSecretStorage, true);
      assert.equal((await api.testing!.secretsOf(name))?.endpoint, info.tls.host, 'still bound to production');
      assert.equal(impostor.connections, 0, 'the impostor was never connected to');
      assert.deepEqual(impostor.presented, []);
    });
  }

  it('the same engine under another spelling is reached only once the user agrees, typing the production name', async () => {
    const localhost = `tcp://localhost:${info.tls.port}`;
    await importNamed(name, localhost, false);
    const health = await probe();
    assert.ok(typeof health === 'object' && health.errorReason === 'keysBoundElsewhere', JSON.stringify(health));
    const message = await messageItem();
    api.testing!.scriptAnswers([{ kind: 'input', value: name }]);
    await vscode.commands.executeCommand(message.command!.command, ...(message.command!.arguments ?? []));
    assert.equal((await api.testing!.secretsOf(name))?.endpoint, localhost);
    const reached = await probe();
    assert.ok(typeof reached === 'object' && reached.reachable, JSON.stringify(reached));
    assert.ok((await api.tree.getChildren(await listed()))!.length > 1, 'the tree lists the engine again');
    await eventually(
      item,
      (treeItem) => /Client certificate: CN=dcg-test-client/.test(hoverText((treeItem.tooltip as vscode.MarkdownString).value)),
      'the tooltip to show the certificate again',
    );
  });

  it('keys whose context is gone are announced once and listed by "Delete Stored Keys of Removed Contexts…", which deletes the chosen', async () => {
    await docker.ok('context', 'rm', '-f', name);
    await api.contexts.refresh();
    await eventually(
      () => api.testing!.notices,
      (notices) => notices.some((notice) => /TLS keys that no context uses any more/.test(notice)),
      'the orphan notice',
    );
    const before = asked().length;
    api.testing!.scriptAnswers([{ kind: 'picks', labels: [name] }]);
    await vscode.commands.executeCommand('dockerContextGuard.deleteOrphanedKeys');
    assert.deepEqual(asked().slice(before), ['Delete the TLS keys stored for these contexts']);
    assert.equal(await api.testing!.secretsOf(name), undefined);
  });
});
