/**
 * The engine enforces access: a private `dockerd --tlsverify --authorization-plugin=NAME` (a
 * unique NAME per run, found through /etc/docker/plugins/NAME.spec, removed afterwards) asks the
 * built CLI's `authz serve` about every request. With certificates issued by the built CLI's
 * `certs issue`, the real docker CLI over TLS is let through or refused as each role says, a
 * revocation counts from the next request, the unix socket gets the anonymous role, each
 * decision is one audit line, and with the plugin killed every request fails.
 */
import * as assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import type { AuthzAuditRecord } from '../../src/core/access/authzAudit';
import { type AccessEngine, startAccessEngine } from '../support/accessEngine';
import { startAuthzServe } from '../support/authzServe';
import { buildBusyboxTar, busyboxImage, importBusybox } from '../support/busyboxImage';
import { removeHarnessRoot } from '../support/cleanup';
import { DaemonGroup } from '../support/daemons';
import { tlsArgs } from '../support/dockerCli';
import { cliPath } from '../support/repoPaths';
import { runProcess } from '../support/runProcess';

const pluginDir = '/etc/docker/plugins';
const denied = (plugin: string) => new RegExp(`authorization denied by plugin ${plugin}: `);

describe('An engine that enforces access (dockerd --authorization-plugin with authz serve)', function () {
  this.timeout(60_000);
  const daemons = new DaemonGroup();
  const pluginName = `dcg-authz-${randomBytes(4).toString('hex')}`;
  const specFile = path.join(pluginDir, `${pluginName}.spec`);
  let root: string;
  let files: { socketPath: string; policyFile: string; auditFile: string };
  let plugin: ChildProcess | undefined;
  let engine: AccessEngine;
  let docker: AccessEngine['docker'];
  let unixHost: string;

  /** The docker CLI over TLS with the client folder `certs issue` wrote for `who`. */
  const as = (who: string, ...args: string[]) => engine.as(who, ...args);
  const auditLines = async () =>
    (await readFile(files.auditFile, 'utf8').catch(() => ''))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as AuthzAuditRecord);
  /** The audit lines `run` adds. */
  const audited = async (run: () => Promise<unknown>) => {
    const before = (await auditLines()).length;
    await run();
    return (await auditLines()).slice(before);
  };
  /** A raw `POST endpoint` asking to upgrade to h2c, as BuildKit's client opens its session and gRPC streams; the status and the first bytes of the answer. */
  const upgradeRequest = async (who: string, endpoint: string) => {
    const [ca, cert, key] = await Promise.all(['ca.pem', 'cert.pem', 'key.pem'].map((file) => readFile(path.join(root, 'people', who, file))));
    const port = Number(new URL(engine.host.replace(/^tcp:/, 'https:')).port);
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpsRequest(
        { host: '127.0.0.1', port, ca, cert, key, method: 'POST', path: `/v1.41${endpoint}`, headers: { Connection: 'Upgrade', Upgrade: 'h2c' } },
        (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        },
      );
      // An upgrade the engine accepts hands over the socket: what matters is that it was not refused.
      req.on('upgrade', (res, socket) => {
        socket.destroy();
        resolve({ status: res.statusCode!, body: '' });
      });
      req.on('error', reject);
      req.end();
    });
  };
  before(async function () {
    this.timeout(180_000);
    root = await mkdtemp(path.join(tmpdir(), 'dcg-az-'));
    files = { socketPath: path.join(root, 'authz.sock'), policyFile: path.join(root, 'policy.json'), auditFile: path.join(root, 'audit.jsonl') };
    plugin = await startAuthzServe(files);
    await mkdir(pluginDir, { recursive: true });
    await writeFile(specFile, `unix://${files.socketPath}\n`);
    engine = await startAccessEngine(
      daemons,
      root,
      [
        ['vera', 'viewer'],
        ['otto', 'operator'],
        ['mallory', 'operator'],
        ['ada', 'admin'],
      ],
      ['--authorization-plugin', pluginName],
    );
    ({ docker, unixHost } = engine);
    const tarball = await buildBusyboxTar(path.join(root, 'image'));
    await importBusybox(tlsArgs(path.join(root, 'people', 'ada'), engine.host), tarball, { ...process.env, DOCKER_CONFIG: path.join(root, 'docker-config') });
    assert.equal((await as('ada', 'create', '--name', 'victim', busyboxImage)).code, 0);
  });

  after(async function () {
    this.timeout(60_000);
    await rm(specFile, { force: true });
    await rmdir(pluginDir).catch(() => undefined); // only when we left it empty
    plugin?.kill('SIGKILL');
    await daemons.stopAll();
    if (root) await removeHarnessRoot(root);
  });

  it('dockerd reports the plugin in docker info', async () => {
    const info = await as('vera', 'info', '--format', '{{json .Plugins.Authorization}}');
    assert.equal(info.code, 0, info.stderr);
    assert.deepEqual(JSON.parse(info.stdout), [pluginName]);
  });

  it('lets a viewer list containers, and refuses it run, rm and a build', async () => {
    const listed = await as('vera', 'ps', '-a', '--format', '{{.Names}}');
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /^victim$/m);
    const context = path.join(root, 'build');
    await mkdir(context, { recursive: true });
    await writeFile(path.join(context, 'Dockerfile'), `FROM ${busyboxImage}\nRUN true\n`);
    for (const args of [
      ['run', '--rm', busyboxImage, 'true'],
      ['rm', 'victim'],
      ['build', '-t', 'vera-build', context],
    ]) {
      const result = await as('vera', ...args);
      assert.notEqual(result.code, 0, `docker ${args.join(' ')}`);
      assert.match(result.stderr, denied(pluginName), `docker ${args.join(' ')}`);
      assert.match(result.stderr, /a viewer may only read: vera \(viewer\)/);
    }
  });

  it("refuses BuildKit's session and gRPC endpoints to a viewer, not to an operator", async () => {
    for (const endpoint of ['/session', '/grpc']) {
      const viewer = await upgradeRequest('vera', endpoint);
      assert.equal(viewer.status, 403, endpoint);
      assert.match(viewer.body, new RegExp(`authorization denied by plugin ${pluginName}: a viewer may only read: vera \\(viewer\\) asked for image build`));
      const operator = await upgradeRequest('otto', endpoint);
      assert.equal(operator.status, 101, `${endpoint}: ${operator.body}`);
    }
  });

  it('lets an operator run a container and refuses it rm, and a privileged run', async () => {
    const ran = await as('otto', 'run', '--name', 'otto-ran', busyboxImage, 'echo', 'hello');
    assert.equal(ran.code, 0, ran.stderr);
    assert.equal(ran.stdout, 'hello\n');
    const removed = await as('otto', 'rm', 'otto-ran');
    assert.match(removed.stderr, denied(pluginName));
    assert.match(removed.stderr, /an operator may not destroy/);
    const privileged = await as('otto', 'run', '--rm', '--privileged', busyboxImage, 'true');
    assert.match(privileged.stderr, /an operator may not hand a container the host/);
  });

  it('lets an admin remove', async () => {
    const removed = await as('ada', 'rm', 'otto-ran');
    assert.equal(removed.code, 0, removed.stderr);
    assert.equal((await as('ada', 'ps', '-a', '--filter', 'name=otto-ran', '-q')).stdout, '');
  });

  it('records each decision as one audit line naming the certificate’s CN and serial', async () => {
    const lines = await audited(() => as('vera', 'rm', 'victim'));
    assert.ok(lines.length >= 1);
    for (const line of lines) assert.deepEqual([line.cn, line.serial, line.role, line.authn], ['vera', engine.serials.get('vera'), 'viewer', 'TLS']);
    const refusals = lines.filter((line) => line.decision === 'deny');
    assert.deepEqual(
      refusals.map(({ method, path: routed, operation, object }) => ({ method, path: routed, operation, object })),
      [{ method: 'DELETE', path: '/containers/victim', operation: 'container rm', object: 'victim' }],
    );
  });

  it('refuses a revoked operator everything from the next request on, without restarting anything', async () => {
    assert.equal((await as('mallory', 'ps')).code, 0);
    const revoked = await runProcess(process.execPath, [cliPath, 'authz', 'revoke', '--policy', files.policyFile, engine.serials.get('mallory')!]);
    assert.equal(revoked.code, 0, revoked.stderr);
    for (const args of [['ps'], ['version'], ['run', '--rm', busyboxImage, 'true']]) {
      const result = await as('mallory', ...args);
      assert.notEqual(result.code, 0, `docker ${args.join(' ')}`);
      assert.match(result.stderr, new RegExp(`certificate ${engine.serials.get('mallory')} \\(mallory\\) is revoked`), `docker ${args.join(' ')}`);
    }
    assert.equal((await as('otto', 'ps')).code, 0);
  });

  it('gives a request over the unix socket the anonymous role', async () => {
    const listed = await audited(() => docker.ok('-H', unixHost, 'ps', '-a'));
    assert.ok(listed.length >= 1);
    for (const line of listed) assert.deepEqual([line.cn, line.serial, line.role, line.authn, line.decision], ['', null, 'admin', 'none', 'allow']);
    const policy = JSON.parse(await readFile(files.policyFile, 'utf8')) as Record<string, unknown>;
    await writeFile(files.policyFile, JSON.stringify({ ...policy, anonymousRole: 'viewer' }));
    const refused = await docker.run('-H', unixHost, 'rm', 'victim');
    assert.match(refused.stderr, denied(pluginName));
    assert.match(refused.stderr, /a viewer may only read: a request without a certificate \(viewer\)/);
    await writeFile(files.policyFile, JSON.stringify(policy));
  });

  it('fails every request once the plugin is gone (closed)', async function () {
    // dockerd's plugin client retries a dead plugin for up to 30 s per call before giving up.
    this.timeout(200_000);
    plugin!.kill('SIGKILL');
    const results = await Promise.all(['ada', 'vera'].map((who) => as(who, 'ps')));
    for (const result of results) {
      assert.notEqual(result.code, 0);
      assert.match(result.stderr, new RegExp(`plugin ${pluginName} failed with error`));
    }
  });
});
