/**
 * The plugin's judgement of one request as dockerd sends it (moby's authorization.Request as Go
 * marshals it: []byte as base64, each peer certificate as the base64 of its PEM): over a corpus
 * of requests, each role allows exactly what the route table's class says it may; the role comes
 * from the certificate, the policy's defaults fill in, revoked serials and whatever cannot be
 * read are refused, and every verdict carries its audit record.
 */
import * as assert from 'node:assert/strict';

import { type AccessRole, accessRoles } from '../../../src/core/access/accessRoles';
import { judgeAuthzRequest } from '../../../src/core/access/authzDecision';
import { type AuthzPolicy, defaultAuthzPolicy, parseAuthzPolicy, PolicyFileError } from '../../../src/core/access/authzPolicy';
import { issueAccessCertificate } from '../../../src/core/access/issueAccessCertificate';
import { generateCertificateSet, type PemPair } from '../../../src/core/certificates/certificateSet';
import { classifyApiRequest } from '../../../src/core/engineApi/apiRoutes';

interface Sent {
  method: string;
  uri: string;
  body?: unknown;
}

/** As moby's Ctx.AuthZRequest fills it in and encoding/json marshals it. */
function pluginRequest({ method, uri, body }: Sent, certificatePem?: string): string {
  return JSON.stringify({
    ...(certificatePem ? { User: 'ignored', UserAuthNMethod: 'TLS', RequestPeerCertificates: [Buffer.from(certificatePem).toString('base64')] } : {}),
    RequestMethod: method,
    RequestUri: uri,
    ...(body === undefined ? {} : { RequestBody: Buffer.from(JSON.stringify(body)).toString('base64') }),
    RequestHeaders: { 'Content-Type': 'application/json' },
  });
}

const corpus: Sent[] = [
  { method: 'HEAD', uri: '/_ping' },
  { method: 'GET', uri: '/v1.47/containers/json?all=1' },
  { method: 'GET', uri: '/v1.47/containers/web/logs?follow=1' },
  { method: 'POST', uri: '/v1.47/containers/create?name=web', body: { Image: 'busybox' } },
  { method: 'POST', uri: '/v1.47/containers/create?name=web', body: { Image: 'busybox', HostConfig: { Privileged: true } } },
  { method: 'POST', uri: '/v1.47/containers/create?name=web', body: { Image: 'busybox', HostConfig: { Binds: ['/:/host'] } } },
  { method: 'POST', uri: '/v1.47/containers/create?name=web' },
  { method: 'POST', uri: '/v1.47/containers/web/start' },
  { method: 'POST', uri: '/v1.47/containers/web/exec', body: { Cmd: ['sh'] } },
  { method: 'POST', uri: '/v1.47/containers/web/exec', body: { Cmd: ['sh'], Privileged: true } },
  { method: 'POST', uri: '/v1.47/exec/abc/start' },
  { method: 'DELETE', uri: '/v1.47/containers/web?force=1' },
  { method: 'DELETE', uri: '/v1.47/images/busybox' },
  { method: 'POST', uri: '/v1.47/build?t=app' },
  { method: 'POST', uri: '/v1.47/session' },
  { method: 'POST', uri: '/grpc' },
  { method: 'POST', uri: '/v1.47/containers/prune' },
  { method: 'POST', uri: '/v1.47/services/s/update', body: { Mode: { Replicated: { Replicas: 0 } } } },
  { method: 'GET', uri: '/v1.47/containers/web/somethingnew' },
  { method: 'GET', uri: '/con%74ainers/json' },
  { method: 'POST', uri: '/v1.47/containers/./web/../web/kill' },
];

/** What each role's name promises, in the route table's terms. */
function expected(role: AccessRole, sent: Sent): boolean {
  const classification = classifyApiRequest(sent.method, sent.uri, sent.body === undefined ? undefined : JSON.stringify(sent.body));
  const handsOverHost = (classification.hostAccess?.length ?? 0) > 0;
  if (role === 'admin') return true;
  if (classification.unknownRoute || handsOverHost) return false;
  return role === 'viewer' ? classification.class === 'read' : classification.class !== 'destroy';
}

describe('authorization plugin: judging a request', () => {
  let ca: PemPair;
  const certificates = new Map<AccessRole | 'none', { certPem: string; serial: string }>();
  const policy: AuthzPolicy = defaultAuthzPolicy;

  before(async function () {
    this.timeout(30_000);
    ({ ca } = await generateCertificateSet({ host: '127.0.0.1', keyType: 'ecdsa-p256' }));
    for (const role of accessRoles) certificates.set(role, await issueAccessCertificate(ca, { name: `${role} person`, role }));
  });

  for (const role of accessRoles) {
    it(`lets the ${role} certificate do what the role's name says, over the corpus`, () => {
      const { certPem, serial } = certificates.get(role)!;
      for (const sent of corpus) {
        const { response, record } = judgeAuthzRequest(pluginRequest(sent, certPem), policy);
        const what = `${role} ${sent.method} ${sent.uri} ${JSON.stringify(sent.body)}`;
        assert.equal(response.Allow, expected(role, sent), `${what}: ${response.Msg}`);
        assert.equal(record.decision, response.Allow ? 'allow' : 'deny', what);
        assert.deepEqual([record.cn, record.serial, record.role, record.authn, record.method], [`${role} person`, serial, role, 'TLS', sent.method], what);
        if (!response.Allow) assert.match(response.Msg ?? '', new RegExp(`${role} person \\(${role}\\)|may not`), what);
      }
    });
  }

  it("refuses BuildKit's session and gRPC to a viewer, not to an operator", () => {
    for (const uri of ['/session', '/v1.47/grpc']) {
      assert.equal(judgeAuthzRequest(pluginRequest({ method: 'POST', uri }, certificates.get('viewer')!.certPem), policy).response.Allow, false);
      assert.equal(judgeAuthzRequest(pluginRequest({ method: 'POST', uri }, certificates.get('operator')!.certPem), policy).response.Allow, true);
    }
  });

  it('weighs a create whose body dockerd did not send as handing over the host: an operator is refused', () => {
    const { response } = judgeAuthzRequest(pluginRequest({ method: 'POST', uri: '/containers/create' }, certificates.get('operator')!.certPem), policy);
    assert.equal(response.Allow, false);
    assert.match(response.Msg!, /hand a container the host.*could not read/);
  });

  it('gives a request without a certificate the anonymous role, a certificate without a role the default role', async () => {
    const rm = { method: 'DELETE', uri: '/containers/web' };
    const anonymous = judgeAuthzRequest(pluginRequest(rm), policy);
    assert.deepEqual([anonymous.response.Allow, anonymous.record.role, anonymous.record.authn, anonymous.record.cn], [true, 'admin', 'none', '']);
    const readOnlySocket = judgeAuthzRequest(pluginRequest(rm), { ...policy, anonymousRole: 'viewer' });
    assert.equal(readOnlySocket.response.Allow, false);
    assert.match(readOnlySocket.response.Msg!, /without a certificate \(viewer\)/);

    const plain = await issueAccessCertificate(ca, { name: 'x', role: 'admin' });
    // The same CA's client certificate as `certs create` makes it: no role OU.
    const { client } = await generateCertificateSet({ host: '127.0.0.1', keyType: 'ecdsa-p256' });
    const noRole = judgeAuthzRequest(pluginRequest(rm, client.certPem), policy);
    assert.deepEqual([noRole.response.Allow, noRole.record.role, noRole.record.cn], [false, 'viewer', 'client']);
    assert.equal(judgeAuthzRequest(pluginRequest(rm, client.certPem), { ...policy, defaultRole: 'admin' }).response.Allow, true);
    assert.equal(judgeAuthzRequest(pluginRequest(rm, plain.certPem), policy).response.Allow, true);
  });

  it('refuses a revoked serial everything, however the policy spells it', () => {
    const { certPem, serial } = certificates.get('admin')!;
    const spelled = serial.toLowerCase().replace(/(..)(?=.)/g, '$1:');
    assert.notEqual(spelled, serial);
    const revoked = parseAuthzPolicy('/p.json', JSON.stringify({ revokedSerials: [`0${spelled}`] }));
    const { response, record } = judgeAuthzRequest(pluginRequest({ method: 'GET', uri: '/_ping' }, certPem), revoked);
    assert.equal(response.Allow, false);
    assert.match(response.Msg!, new RegExp(`${serial} \\(admin person\\) is revoked`));
    assert.equal(record.serial, serial);
    assert.equal(judgeAuthzRequest(pluginRequest({ method: 'GET', uri: '/_ping' }, certificates.get('viewer')!.certPem), revoked).response.Allow, true);
  });

  it('refuses, with a reason, whatever it cannot judge', () => {
    const viewerPem = certificates.get('viewer')!.certPem;
    const cases: [string, string | undefined, AuthzPolicy | PolicyFileError][] = [
      ['not JSON', '{', policy],
      ['not a JSON object', '[]', policy],
      ['RequestMethod is missing', JSON.stringify({ RequestUri: '/_ping' }), policy],
      ['RequestUri is missing', JSON.stringify({ RequestMethod: 'GET' }), policy],
      ['path cannot be read', pluginRequest({ method: 'GET', uri: '/containers/%zz/json' }), policy],
      ['certificate cannot be read', JSON.stringify({ RequestMethod: 'GET', RequestUri: '/_ping', RequestPeerCertificates: ['bm90IGEgY2VydA=='] }), policy],
      ['not a list of certificates', JSON.stringify({ RequestMethod: 'GET', RequestUri: '/_ping', RequestPeerCertificates: 'x' }), policy],
      ['larger than the plugin reads', undefined, policy],
      ['fixed', pluginRequest({ method: 'GET', uri: '/_ping' }, viewerPem), new PolicyFileError('/p.json', 'is not JSON')],
    ];
    for (const [reason, request, given] of cases) {
      const { response, record } = judgeAuthzRequest(request, given);
      assert.equal(response.Allow, false, reason);
      assert.match(response.Msg!, new RegExp(`cannot judge this request: .*${reason}`), reason);
      assert.deepEqual([record.decision, record.reason], ['deny', response.Msg], reason);
    }
  });
});
