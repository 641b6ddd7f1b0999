/**
 * The authorization plugin as a Docker managed plugin built locally (authzPluginBundle.ts): `docker
 * plugin create` from the bundle on a private dockerd, enabled, then made the engine's
 * authorization plugin by a configuration reload (SIGHUP, as on a host where dockerd must stay
 * up): a viewer certificate from `certs issue` is refused a change over TLS, the audit lands in
 * the host folder bound into the plugin, and removing it from the configuration undoes it all.
 */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import type { AuthzAuditRecord } from '../../src/core/access/authzAudit';
import { buildAuthzPluginBundle, pluginAuditFileName } from '../../src/core/access/authzPluginBundle';
import { type AccessEngine, startAccessEngine } from '../support/accessEngine';
import { removeHarnessRoot } from '../support/cleanup';
import { DaemonGroup } from '../support/daemons';
import { eventually } from '../support/eventually';
import { repoRoot } from '../support/repoPaths';

describe('The authorization plugin as a managed plugin built locally', function () {
  this.timeout(60_000);
  const daemons = new DaemonGroup();
  const pluginName = `dcg-authz-managed-${randomBytes(4).toString('hex')}`;
  let root: string;
  let engine: AccessEngine;
  const as = (who: string, ...args: string[]) => engine.as(who, ...args);

  /** dockerd re-reads its configuration file on SIGHUP; the authorization plugins are among what it reloads. */
  const reload = async (authorizationPlugins: string[]) => {
    await writeFile(path.join(engine.engineDir, 'daemon.json'), `${JSON.stringify({ 'authorization-plugins': authorizationPlugins })}\n`);
    process.kill(Number(await readFile(path.join(engine.engineDir, 'dockerd.pid'), 'utf8')), 'SIGHUP');
  };

  before(async function () {
    this.timeout(180_000);
    root = await mkdtemp(path.join(tmpdir(), 'dcg-azm-'));
    await Promise.all(['policy', 'audit'].map((dir) => mkdir(path.join(root, dir))));
    engine = await startAccessEngine(daemons, root, [
      ['vera', 'viewer'],
      ['ada', 'admin'],
    ]);
  });

  after(async function () {
    this.timeout(60_000);
    await daemons.stopAll();
    if (root) await removeHarnessRoot(root);
  });

  it('is created from the bundle, enabled, enforced after a reload, and undone by another', async function () {
    this.timeout(120_000);
    const bundle = path.join(root, 'bundle');
    await buildAuthzPluginBundle({
      dir: bundle,
      distDir: path.join(repoRoot, 'dist'),
      policyDir: path.join(root, 'policy'),
      auditDir: path.join(root, 'audit'),
    });
    await engine.docker.ok('-H', engine.unixHost, 'plugin', 'create', pluginName, bundle);
    await engine.docker.ok('-H', engine.unixHost, 'plugin', 'enable', pluginName);
    await reload([pluginName]);
    const refused = await eventually(
      () => as('vera', 'network', 'create', 'vera-net'),
      (result) => result.code !== 0,
      'the reloaded engine to ask the plugin',
      20_000,
    );
    assert.match(
      refused.stderr,
      new RegExp(`authorization denied by plugin ${pluginName}(:latest)?: a viewer may only read: vera \\(viewer\\) asked for network create`),
    );
    assert.equal((await as('vera', 'ps')).code, 0);
    assert.equal((await as('ada', 'network', 'create', 'ada-net')).code, 0);
    const audit = (await readFile(path.join(root, 'audit', pluginAuditFileName), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as AuthzAuditRecord);
    assert.ok(audit.some((line) => line.cn === 'vera' && line.decision === 'deny' && line.operation === 'network create'));
    assert.deepEqual(JSON.parse(await readFile(path.join(root, 'policy', 'authz-policy.json'), 'utf8')).revokedSerials, []);

    await reload([]);
    await eventually(
      () => as('vera', 'network', 'create', 'vera-net'),
      (result) => result.code === 0,
      'the engine to stop asking the plugin',
      20_000,
    );
    await engine.docker.ok('-H', engine.unixHost, 'plugin', 'disable', pluginName);
    await engine.docker.ok('-H', engine.unixHost, 'plugin', 'rm', pluginName);
  });
});
