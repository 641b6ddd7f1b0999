/**
 * The Engine API route table: every operation it names has a class, requests are read as
 * dockerd's router reads them (versions, escapes, unclean paths), a body is read as Go decodes
 * it, and what no route matches is a change. The differential checks against the real docker CLI
 * and dockerd are in test/engines.
 */
import * as assert from 'node:assert/strict';

import { apiBodyDecides, classifyApiRequest, routedPath, unreadableBody } from '../../../src/core/engineApi/apiRoutes';

describe('Engine API routes', () => {
  it('reads the path as the router does', () => {
    assert.equal(routedPath('/v1.47/containers/web/json?all=1'), '/containers/web/json');
    assert.equal(routedPath('//containers/./x/../web'), '/containers/web');
    assert.equal(routedPath('/container%73/web'), '/containers/web');
    assert.equal(routedPath('/containers/%zz'), undefined);
  });

  it('names the operation, class and target of a route', () => {
    assert.deepEqual(classifyApiRequest('DELETE', '/v1.47/containers/web?force=1'), {
      operation: 'container rm',
      class: 'destroy',
      targets: ['web'],
      hijack: false,
    });
    assert.deepEqual(classifyApiRequest('GET', '/containers/json?all=1'), { operation: 'container ls', class: 'read', targets: [], hijack: false });
    assert.equal(classifyApiRequest('POST', '/containers/web/attach?stream=1').hijack, true);
    assert.equal(classifyApiRequest('DELETE', '/images/registry:5000/team/app:1').targets[0], 'registry:5000/team/app:1');
  });

  it('weighs a route it does not know, or a method in the wrong case, as a change', () => {
    for (const [method, target] of [
      ['GET', '/containers/web/somethingnew'],
      ['delete', '/containers/web'],
      ['PATCH', '/containers/web'],
    ]) {
      const classification = classifyApiRequest(method, target);
      assert.equal(classification.class, 'mutate', `${method} ${target}`);
      assert.equal(classification.unknownRoute, true);
    }
  });

  it('reads a create body as Go decodes it: folded keys merge, null resets, last value wins', () => {
    assert.equal(apiBodyDecides('POST', '/v1.47/containers/create?name=x'), true);
    const create = (body: string) => classifyApiRequest('POST', '/containers/create?name=x', body).hostAccess ?? [];
    assert.deepEqual(create('{"Image":"busybox","HostConfig":{"Privileged":true}}'), ['--privileged']);
    assert.deepEqual(create('{"hostconfig":{"privileged":true},"HOSTCONFIG":{"Binds":["/:/host"]}}'), ['--privileged', 'bind of /']);
    assert.deepEqual(create('{"HostConfig":{"Privileged":true},"HostConfig":null}'), []);
    assert.deepEqual(create('{"HostConfig":{"Privileged":true,"Privileged":false}}'), []);
    assert.deepEqual(create('{"HostConfig":{"Mounts":[{"Type":"bind","Source":"/var/run/docker.sock","Target":"/s"}],"PidMode":"host"}}'), [
      '--pid=host',
      'bind of /var/run/docker.sock',
    ]);
    assert.deepEqual(create('not json'), [unreadableBody]);
    assert.deepEqual(classifyApiRequest('POST', '/containers/create').hostAccess, [unreadableBody]);
  });

  it('takes a service scaled to zero for a destroy', () => {
    const update = (body: string) => classifyApiRequest('POST', '/services/web/update?version=3', body).class;
    assert.equal(update('{"Mode":{"Replicated":{"Replicas":3}}}'), 'mutate');
    assert.equal(update('{"mode":{"replicated":{"replicas":0}}}'), 'destroy');
  });
});
