/**
 * `authz serve` and `authz revoke` through the built CLI, spoken to as dockerd's plugin client
 * speaks (HTTP POSTs of JSON on the unix socket): activation, a verdict per request with one
 * audit line each, the policy file created with its defaults, a revocation or a broken policy
 * counting from the next request without a restart, and a socket left by a killed plugin reused.
 */
import * as assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

import { accessRoles } from '../../../src/core/access/accessRoles';
import { defaultAuthzPolicy, parseAuthzPolicy } from '../../../src/core/access/authzPolicy';
import { type AccessCertificate, issueAccessCertificate } from '../../../src/core/access/issueAccessCertificate';
import { generateCertificateSet } from '../../../src/core/certificates/certificateSet';
import { postToPlugin, startAuthzServe } from '../../support/authzServe';
import { eventually } from '../../support/eventually';
import { cliPath } from '../../support/repoPaths';
import { runProcess } from '../../support/runProcess';
import { useTempDirs } from '../../support/tempDir';

const post = postToPlugin;

describe('CLI: authz serve and revoke', () => {
  const tempDir = useTempDirs('authz');
  let dir: string;
  let socketPath: string;
  let policyFile: string;
  let auditFile: string;
  let plugin: ChildProcess | undefined;
  const people = new Map<string, AccessCertificate>();

  const serve = async () => {
    plugin = await startAuthzServe({ socketPath, policyFile, auditFile });
  };
  const ask = (who: string | undefined, method: string, uri: string) =>
    post(socketPath, 'AuthZPlugin.AuthZReq', {
      RequestMethod: method,
      RequestUri: uri,
      ...(who ? { User: who, UserAuthNMethod: 'TLS', RequestPeerCertificates: [Buffer.from(people.get(who)!.certPem).toString('base64')] } : {}),
    }).then(({ json }) => json as { Allow: boolean; Msg?: string });
  const auditLines = async () =>
    (await readFile(auditFile, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  before(async function () {
    this.timeout(30_000);
    dir = await tempDir();
    socketPath = path.join(dir, 'authz.sock');
    policyFile = path.join(dir, 'etc', 'policy.json');
    auditFile = path.join(dir, 'audit.jsonl');
    const { ca } = await generateCertificateSet({ host: '127.0.0.1', keyType: 'ecdsa-p256' });
    for (const role of accessRoles) people.set(role, await issueAccessCertificate(ca, { name: role, role }));
    await serve();
  });

  after(() => plugin?.kill('SIGKILL'));

  it('creates the policy file with its documented defaults', async () => {
    assert.deepEqual(JSON.parse(await readFile(policyFile, 'utf8')), defaultAuthzPolicy);
    assert.deepEqual(defaultAuthzPolicy, { anonymousRole: 'admin', defaultRole: 'viewer', revokedSerials: [] });
  });

  it('answers each request with a verdict and writes one audit line for it, and lets every response through', async () => {
    const before = (await auditLines().catch(() => [])).length;
    assert.equal((await ask('viewer', 'GET', '/v1.47/containers/json')).Allow, true);
    const refused = await ask('viewer', 'DELETE', '/v1.47/containers/web');
    assert.equal(refused.Allow, false);
    assert.match(refused.Msg!, /a viewer may only read: viewer \(viewer\) asked for container rm/);
    assert.equal((await ask('admin', 'DELETE', '/v1.47/containers/web')).Allow, true);
    assert.deepEqual(
      (await post(socketPath, 'AuthZPlugin.AuthZRes', { RequestMethod: 'DELETE', RequestUri: '/containers/web', ResponseStatusCode: 204 })).json,
      { Allow: true },
    );
    const lines = (await auditLines()).slice(before);
    assert.deepEqual(
      lines.map(({ cn, serial, role, method, path: routed, operation, object, decision }) => [cn, serial, role, method, routed, operation, object, decision]),
      [
        ['viewer', people.get('viewer')!.serial, 'viewer', 'GET', '/containers/json', 'container ls', null, 'allow'],
        ['viewer', people.get('viewer')!.serial, 'viewer', 'DELETE', '/containers/web', 'container rm', 'web', 'deny'],
        ['admin', people.get('admin')!.serial, 'admin', 'DELETE', '/containers/web', 'container rm', 'web', 'allow'],
      ],
    );
    assert.equal((await post(socketPath, 'Nothing.Here', {})).status, 404);
  });

  it('applies a revocation from the next request on, without a restart', async function () {
    this.timeout(20_000);
    const { serial } = people.get('operator')!;
    assert.equal((await ask('operator', 'POST', '/containers/web/start')).Allow, true);
    const revoked = await runProcess(process.execPath, [cliPath, 'authz', 'revoke', '--policy', policyFile, serial.toLowerCase()]);
    assert.equal(revoked.code, 0, revoked.stderr);
    const refused = await ask('operator', 'GET', '/_ping');
    assert.equal(refused.Allow, false);
    assert.match(refused.Msg!, /is revoked/);
    assert.equal((await ask('admin', 'GET', '/_ping')).Allow, true);
    const again = await runProcess(process.execPath, [cliPath, 'authz', 'revoke', '--policy', policyFile, serial]);
    assert.match(again.stderr, /Already revoked/);
    assert.deepEqual(JSON.parse(await readFile(policyFile, 'utf8')).revokedSerials, [serial]);
    assert.equal((await runProcess(process.execPath, [cliPath, 'authz', 'revoke', '--policy', policyFile, 'not-hex'])).code, 2);
  });

  it('refuses everything while the policy is broken, and recovers once it is fixed', async () => {
    const good = await readFile(policyFile, 'utf8');
    await writeFile(policyFile, '{"anonymousrole": "viewer"}');
    const refused = await ask('admin', 'GET', '/_ping');
    assert.equal(refused.Allow, false);
    assert.match(refused.Msg!, /unknown keys: anonymousrole.*refused until it is fixed/);
    await writeFile(policyFile, good);
    assert.equal((await ask('admin', 'GET', '/_ping')).Allow, true);
  });

  it('takes over the socket a killed plugin left behind', async function () {
    this.timeout(20_000);
    plugin!.kill('SIGKILL');
    await eventually(
      () =>
        post(socketPath, 'Plugin.Activate', {}).then(
          () => 'answers',
          () => 'gone',
        ),
      (state) => state === 'gone',
      'the killed plugin to stop answering',
    );
    await serve();
    assert.equal((await ask(undefined, 'DELETE', '/containers/web')).Allow, true);
    const started = await runProcess(process.execPath, [cliPath, 'authz', 'serve', '--socket', socketPath, '--policy', policyFile], { timeoutMs: 10_000 });
    assert.equal(started.code, 1);
    assert.match(started.stderr, /in use/);
  });

  it('refuses a request larger than it reads, and records it', async () => {
    const lines = (await auditLines()).length;
    const { json } = await post(socketPath, 'AuthZPlugin.AuthZReq', {
      RequestMethod: 'POST',
      RequestUri: '/containers/create',
      RequestBody: 'A'.repeat(5 * 1024 * 1024),
    });
    assert.deepEqual(json, { Allow: false, Msg: 'cannot judge this request: it is larger than the plugin reads' });
    assert.equal((await auditLines()).length, lines + 1);
  });

  it('reads a policy strictly', () => {
    assert.deepEqual(parseAuthzPolicy('p', '{}'), defaultAuthzPolicy);
    assert.deepEqual(parseAuthzPolicy('p', '{"revokedSerials": ["0x00ab:CD"]}').revokedSerials, ['ABCD']);
    for (const [text, problem] of [
      ['[]', /not a JSON object/],
      ['{"anonymousRole": "root"}', /anonymousRole must be one of viewer, operator, admin/],
      ['{"defaultRole": 1}', /defaultRole must be/],
      ['{"revokedSerials": ["xyz"]}', /hexadecimal serials/],
      ['{"revokedSerials": "AB"}', /hexadecimal serials/],
      ['{', /is not JSON/],
    ] as const) {
      assert.throws(() => parseAuthzPolicy('p', text), problem, text);
    }
  });
});
