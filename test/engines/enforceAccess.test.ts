/**
 * Enforce Access on Engine's remote steps (enforceOnHost.ts) against a real `dockerd --tlsverify`
 * of this suite's own (its daemon.json and pid file), reached through the harness's real sshd as
 * root: each step is a real command over OpenSSH. On success the engine refuses a viewer
 * certificate's change with "authorization denied by plugin", lets an operator change and an
 * admin remove (the docker CLI says so; `docker info` does not list a plugin a live reload
 * enabled, as dockerd 20.10 reports the configuration it started with, and we read it as the CLI
 * does); on a failure at any step, everything is undone: daemon.json byte for byte as it was, the
 * spec file and the plugin process gone, and a viewer may change again. A unique plugin name per run; its spec
 * file in /etc/docker/plugins is removed afterwards.
 */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { EnforcementFailed, enforceOnHost, hostFiles, type HostLayout } from '../../src/core/access/enforceOnHost';
import { authorizationPlugins } from '../../src/core/access/engineAuthorization';
import { issueAccessCertificate } from '../../src/core/access/issueAccessCertificate';
import { pluginBundle } from '../../src/core/access/pluginBundle';
import { sshShell } from '../../src/core/access/remoteShell';
import { tryViewerChange } from '../../src/core/access/viewerRefusal';
import { writeOutputFiles } from '../../src/core/certificates/certificateFiles';
import { generateCertificateSet } from '../../src/core/certificates/certificateSet';
import { writeTar } from '../../src/core/contexts/archive/tarFormat';
import type { ListedContext } from '../../src/core/contexts/contextList';
import { loadDockerode } from '../../src/core/vendor';
import { removeHarnessRoot } from '../support/cleanup';
import { DaemonGroup } from '../support/daemons';
import { tlsArgs } from '../support/dockerCli';
import { startTlsDockerd } from '../support/dockerEngines';
import { loadHarnessInfo } from '../support/harnessInfo';
import { listedContext } from '../support/listedContext';
import { cliPath } from '../support/repoPaths';
import { runProcess } from '../support/runProcess';

describe('Enforce Access on a real dockerd, through the test sshd', () => {
  const info = loadHarnessInfo();
  const daemons = new DaemonGroup();
  const plugin = `dcg-authz-test-${randomBytes(4).toString('hex')}`;
  let root: string;
  let host: string;
  let layout: HostLayout;
  let ca: { caPem: string; certPem: string; keyPem: string };
  const clientDir = (role: string) => path.join(root, `client-${role}`);
  const docker = (role: string, ...args: string[]) =>
    runProcess('docker', [...tlsArgs(clientDir(role), host), ...args], { env: { ...process.env, DOCKER_CONTEXT: '', DOCKER_HOST: '' } });
  /** The viewer's change, until the engine refuses it (dockerd applies a reload shortly after SIGHUP). */
  const viewerRefused = async (context: ListedContext, viewer: { caPem: string; certPem: string; keyPem: string }) => {
    for (let attempt = 0; attempt < 60; attempt++) {
      const verdict = await tryViewerChange(context, viewer);
      if (verdict.refused) return verdict.message;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('the engine never refused a viewer a change');
  };
  /** What the docker CLI reads of the engine's authorization plugins. */
  const cliPlugins = async () => {
    const result = await docker('admin', 'info', '--format', '{{json .Plugins.Authorization}}');
    assert.equal(result.code, 0, result.stderr);
    return (JSON.parse(result.stdout) as string[] | null) ?? [];
  };
  const exists = (file: string) =>
    access(file).then(
      () => true,
      () => false,
    );
  const shell = () => sshShell(info.ssh.host, process.env);
  const context = () => listedContext({ name: 'enforce', host, transport: 'tls', tier: 'development' });
  const viewerMaterial = async () => ({
    caPem: ca.caPem,
    certPem: await readFile(path.join(clientDir('viewer'), 'cert.pem'), 'utf8'),
    keyPem: await readFile(path.join(clientDir('viewer'), 'key.pem'), 'utf8'),
  });

  before(async function () {
    this.timeout(90_000);
    root = await mkdtemp(path.join(tmpdir(), 'dcg-enf-'));
    const set = await generateCertificateSet({ host: '127.0.0.1', keyType: 'ecdsa-p256' });
    ca = { caPem: set.ca.certPem, certPem: set.ca.certPem, keyPem: set.ca.keyPem };
    for (const role of ['admin', 'operator', 'viewer'] as const) {
      const issued = await issueAccessCertificate({ certPem: set.ca.certPem, keyPem: set.ca.keyPem }, { name: `${role}-person`, role });
      await writeOutputFiles(clientDir(role), [
        { name: 'ca.pem', content: set.ca.certPem, secret: false },
        { name: 'cert.pem', content: issued.certPem, secret: false },
        { name: 'key.pem', content: issued.keyPem, secret: true },
      ]);
    }
    const serverDir = path.join(root, 'server');
    await writeOutputFiles(serverDir, [
      { name: 'ca.pem', content: set.ca.certPem, secret: false },
      { name: 'server-cert.pem', content: set.server.certPem, secret: false },
      { name: 'server-key.pem', content: set.server.keyPem, secret: true },
    ]);
    const engineDir = path.join(root, 'engine');
    const admin = await Promise.all(['ca.pem', 'cert.pem', 'key.pem'].map((file) => readFile(path.join(clientDir('admin'), file))));
    ({ host } = await startTlsDockerd(
      daemons,
      'dockerd (enforce access)',
      engineDir,
      path.join(root, 'x'),
      { ca: path.join(serverDir, 'ca.pem'), cert: path.join(serverDir, 'server-cert.pem'), key: path.join(serverDir, 'server-key.pem') },
      { ca: admin[0], cert: admin[1], key: admin[2] },
    ));
    layout = {
      plugin,
      dir: path.join(root, 'plugin'),
      specDir: '/etc/docker/plugins',
      daemonJson: path.join(engineDir, 'daemon.json'),
      dockerdPidFile: path.join(engineDir, 'dockerd.pid'),
      node: process.execPath,
    };
  });

  after(async function () {
    this.timeout(60_000);
    await runProcess('sh', ['-c', `kill "$(cat ${hostFiles(layout).pid})" 2>/dev/null; true`]);
    await rm(hostFiles(layout).spec, { force: true });
    await daemons.stopAll();
    if (root) await removeHarnessRoot(root);
  });

  /** Everything undone: daemon.json as it was, no spec file, no plugin process, the engine answering with no plugin. */
  async function assertUndone(daemonJsonBefore: string): Promise<void> {
    assert.equal(await readFile(layout.daemonJson, 'utf8'), daemonJsonBefore, 'daemon.json byte for byte as it was');
    assert.equal(await exists(hostFiles(layout).spec), false, 'the spec file is gone');
    assert.equal(await exists(hostFiles(layout).socket), false, 'the plugin socket is gone');
    // dockerd applies a reload asynchronously: give it a moment to drop the plugin.
    const volume = `undone-${randomBytes(3).toString('hex')}`;
    let created = await docker('viewer', 'volume', 'create', volume);
    for (let attempt = 0; created.code !== 0 && attempt < 40; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      created = await docker('viewer', 'volume', 'create', volume);
    }
    assert.equal(created.code, 0, `every certificate may change again: ${created.stderr}`);
    assert.equal(await exists(hostFiles(layout).pid), false, 'the plugin process is gone');
  }

  it('undoes everything when the plugin does not start', async function () {
    this.timeout(60_000);
    const before = await readFile(layout.daemonJson, 'utf8');
    const failing = writeTar([
      { name: 'cli.js', kind: 'file', mode: 0o644, data: Buffer.from('process.stderr.write("this plugin never listens\\n"); process.exit(3);\n') },
    ]);
    const error = await enforceOnHost(shell(), layout, failing, async () => undefined).then(
      () => assert.fail('it succeeded'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof EnforcementFailed, String(error));
    assert.equal(error.step, 'Starting the plugin');
    assert.match(error.message, /this plugin never listens/);
    assert.deepEqual(error.rollbackFailures, []);
    await assertUndone(before);
  });

  it('undoes everything, the dockerd reload included, when the check after enabling fails', async function () {
    this.timeout(60_000);
    const before = await readFile(layout.daemonJson, 'utf8');
    let refusal = '';
    const error = await enforceOnHost(shell(), layout, await pluginBundle(path.dirname(cliPath)), async () => {
      refusal = await viewerRefused(context(), await viewerMaterial());
      throw new Error('the check failed on purpose');
    }).then(
      () => assert.fail('it succeeded'),
      (caught: unknown) => caught,
    );
    assert.match(refusal, new RegExp(`authorization denied by plugin ${plugin}`), 'the engine enforced the plugin before the check failed');
    assert.ok(error instanceof EnforcementFailed, String(error));
    assert.equal(error.step, 'Verifying the engine');
    assert.deepEqual(error.rollbackFailures, []);
    await assertUndone(before);
  });

  it('enables the plugin: the engine lists it, refuses a viewer a change, lets an operator run and an admin remove', async function () {
    this.timeout(90_000);
    const steps: string[] = [];
    await enforceOnHost(
      shell(),
      layout,
      await pluginBundle(path.dirname(cliPath)),
      async () => void (await viewerRefused(context(), await viewerMaterial())),
      (step) => steps.push(step),
    );
    assert.deepEqual(steps, [
      'Checking the host',
      'Uploading the plugin',
      'Starting the plugin',
      'Registering the plugin with dockerd',
      'Enabling it in daemon.json',
      'Verifying the engine',
    ]);
    assert.deepEqual(JSON.parse(await readFile(layout.daemonJson, 'utf8')), { 'authorization-plugins': [plugin] });
    // What we read of /info is what the docker CLI reads (after a live reload, neither lists the plugin).
    const Docker = loadDockerode();
    const admin = await Promise.all(['ca.pem', 'cert.pem', 'key.pem'].map((file) => readFile(path.join(clientDir('admin'), file))));
    const api = new Docker({ protocol: 'https', host: '127.0.0.1', port: Number(new URL(host).port), ca: admin[0], cert: admin[1], key: admin[2] });
    assert.deepEqual(authorizationPlugins(await api.info()), await cliPlugins());

    const volume = `enforced-${randomBytes(3).toString('hex')}`;
    const refused = await docker('viewer', 'volume', 'create', volume);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, new RegExp(`authorization denied by plugin ${plugin}`));
    assert.equal((await docker('viewer', 'volume', 'ls')).code, 0, 'a viewer still reads');
    assert.equal((await docker('operator', 'volume', 'create', volume)).code, 0, 'an operator changes');
    const operatorRemove = await docker('operator', 'volume', 'rm', volume);
    assert.match(operatorRemove.stderr, new RegExp(`authorization denied by plugin ${plugin}`), 'an operator may not destroy');
    assert.equal((await docker('admin', 'volume', 'rm', volume)).code, 0, 'an admin removes');
  });
});
