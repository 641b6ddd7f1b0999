/**
 * The Engine API route table: every operation it names has a class, requests are read as
 * dockerd's router reads them (versions, escapes, unclean paths), a body is read as Go decodes
 * it, and what no route matches is a change. The differential checks against the real docker CLI
 * and dockerd are in test/engines.
 */
import * as assert from 'node:assert/strict';

import { apiBodyDecides, classifyApiRequest, routedPath, unreadableBody } from '../../../src/core/engineApi/apiRoutes';
import { mobyRoutes } from './mobyRoutes';

/** A template's variables filled with values its mux pattern takes (and, for a one-segment `{id}`, a value it refuses). */
function samples(template: string): { path: string; variables: string[]; routed: boolean }[] {
  const variants = (pattern: string | undefined, last: boolean): { value: string; routed: boolean }[] => {
    if (pattern === undefined)
      return [
        { value: 'a.b-1', routed: true },
        { value: 'a/b', routed: false },
      ];
    const values = ['web', 'registry:5000/team/app:1', 'a\rb'];
    return [...values, ...(pattern === '.*' && last ? [''] : [])].map((value) => ({ value, routed: true }));
  };
  const parts = template.split(/\{([^}]*)\}/);
  let results = [{ path: '', variables: [] as string[], routed: true }];
  parts.forEach((part, index) => {
    if (index % 2 === 0) results = results.map((result) => ({ ...result, path: result.path + part }));
    else {
      const pattern = part.includes(':') ? part.slice(part.indexOf(':') + 1) : undefined;
      results = results.flatMap((result) =>
        variants(pattern, index === parts.length - 2 && parts[index + 1] === '').map(({ value, routed }) => ({
          path: result.path + value.replace('\r', '%0D'),
          variables: [...result.variables, value],
          routed: result.routed && routed,
        })),
      );
    }
  });
  return results;
}

describe('Engine API routes', () => {
  it('reads the path as the router does', () => {
    assert.equal(routedPath('/v1.47/containers/web/json?all=1'), '/containers/web/json');
    assert.equal(routedPath('//containers/./x/../web'), '/containers/web');
    assert.equal(routedPath('/v1.47//containers/web/'), '/containers/web/');
    assert.equal(routedPath('/container%73/web'), '/containers/web');
    assert.equal(routedPath('/containers/%zz'), undefined);
  });

  it('reads the request target as Go and mux do', () => {
    // An absolute target routes like its path, whatever the scheme; `scheme:/path` too.
    assert.equal(routedPath('http://docker/v1.41/containers/web?force=1'), '/containers/web');
    assert.equal(routedPath('HTTP://docker/containers/web'), '/containers/web');
    assert.equal(routedPath('x+y.z-1:/containers/web'), '/containers/web');
    assert.equal(routedPath('http://docker'), '/');
    assert.equal(routedPath('http://docker?/containers/web'), '/');
    assert.equal(routedPath('x:containers/web'), '/');
    assert.equal(routedPath(':/containers/web'), undefined);
    assert.equal(routedPath('containers/web'), undefined);
    // `#` is part of the path; bytes that are not UTF-8 are kept; a trailing slash stays.
    assert.equal(routedPath('/containers/web#/json'), '/containers/web#/json');
    assert.equal(routedPath('/containers/%ff/json'), '/containers/\ufffd/json');
    assert.equal(routedPath('/containers/json/'), '/containers/json/');
    assert.equal(routedPath('/v1.41/'), '/');
    assert.equal(routedPath('/v1.41'), '/v1.41');
    assert.equal(routedPath('/containers/a%'), undefined);
    assert.equal(routedPath('/containers/a\tb'), undefined);
    assert.deepEqual(classifyApiRequest('DELETE', 'x:/containers/web').targets, ['web']);
    assert.equal(classifyApiRequest('DELETE', '/containers/a%0Db').class, 'destroy');
    assert.equal(classifyApiRequest('DELETE', '/containers/a%0Ab').unknownRoute, true);
    assert.equal(classifyApiRequest('GET', '/containers/json#x').unknownRoute, true);
  });

  it('routes every route dockerd registers as mux matches its template', () => {
    const wrong: string[] = [];
    for (const route of mobyRoutes) {
      const [method, template] = route.split(' ');
      for (const { path, variables, routed } of samples(template)) {
        const classification = classifyApiRequest(method, `/v1.41${path}`);
        const same = !classification.unknownRoute && (variables.length === 0 || classification.targets.join('/') === variables.join('/'));
        if (routed && classification.unknownRoute) wrong.push(`${method} ${JSON.stringify(path)} (${template}) is no route`);
        // What GET and HEAD route to only reads, but the websocket attach, which writes to the container's stdin.
        const reads = ['GET', 'HEAD', 'OPTIONS'].includes(method) && !template.endsWith('/attach/ws');
        if (routed && reads && classification.class !== 'read') wrong.push(`${method} ${path} is ${classification.class}`);
        if (!routed && same)
          wrong.push(`${method} ${path}: ${template} takes one segment, the table took ${classification.operation} ${classification.targets.join()}`);
      }
    }
    assert.deepEqual(wrong, []);
    assert.ok(mobyRoutes.length > 120);
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

  it('reads a slice as Go decodes into it: element by element, into what an earlier array left', () => {
    const create = (hostConfig: string) => classifyApiRequest('POST', '/containers/create', `{"HostConfig":${hostConfig}}`).hostAccess ?? [];
    assert.deepEqual(create('{"Binds":["/:/h"],"Binds":[null]}'), ['bind of /']);
    assert.deepEqual(create('{"Binds":["/:/h"],"Binds":null,"Binds":[null]}'), []);
    assert.deepEqual(create('{"Binds":["/tmp:/a","/:/h"],"Binds":["/tmp:/a"]}'), []);
    assert.deepEqual(create('{"Binds":["/tmp:/a","/:/h"],"Binds":["/tmp:/a"],"Binds":["/tmp:/a",null]}'), ['bind of /']);
    assert.deepEqual(create('{"Mounts":[{"Type":"bind","Source":"/","Target":"/h"}],"Mounts":[{"Target":"/h2"}]}'), ['bind of /']);
    assert.deepEqual(create('{"Mounts":[{"Type":"bind","Source":"/","Target":"/h"}],"Mounts":[{"Type":"volume"}]}'), []);
    // `--security-opt systempaths=unconfined` reaches the API as empty lists; a socket by its name (a gateway's, a rootless engine's).
    assert.deepEqual(create('{"MaskedPaths":[]}'), ['--security-opt=systempaths=unconfined']);
    assert.deepEqual(create('{"MaskedPaths":[],"MaskedPaths":null}'), []);
    assert.deepEqual(create('{"Mounts":[{"Type":"bind","Source":"/home/me/.gateway/0123.sock","Target":"/var/run/docker.sock"}]}'), [
      'bind of /home/me/.gateway/0123.sock',
    ]);
    // A null TaskTemplate (a struct, not a pointer) changes nothing; a null ContainerSpec (a pointer) drops it.
    const service = (body: string) => classifyApiRequest('POST', '/services/create', body).hostAccess ?? [];
    const bind = '{"ContainerSpec":{"Mounts":[{"Type":"bind","Source":"/","Target":"/h"}]}}';
    assert.deepEqual(service(`{"TaskTemplate":${bind},"TaskTemplate":null}`), ['bind of /']);
    assert.deepEqual(service(`{"TaskTemplate":${bind},"TaskTemplate":{"ContainerSpec":null}}`), []);
    assert.deepEqual(service('{"Networks":[{"Target":"host"}]}'), ['--network=host']);
    // A local volume that binds a host directory; its options are a Go map (exact keys, merged, null drops).
    const volume = (body: string) => classifyApiRequest('POST', '/volumes/create', body).hostAccess ?? [];
    assert.deepEqual(volume('{"Name":"root","DriverOpts":{"type":"none","o":"bind","device":"/"}}'), ['bind of /']);
    assert.deepEqual(volume('{"driveropts":{"o":"bind"},"DriverOpts":{"device":"/etc"}}'), ['bind of /etc']);
    assert.deepEqual(volume('{"DriverOpts":{"o":"bind","device":"/"},"DriverOpts":null}'), []);
    assert.deepEqual(volume('{"DriverOpts":{"O":"bind","device":"/"}}'), []);
  });

  it('takes a service scaled to zero for a destroy', () => {
    const update = (body: string) => classifyApiRequest('POST', '/services/web/update?version=3', body).class;
    assert.equal(update('{"Mode":{"Replicated":{"Replicas":3}}}'), 'mutate');
    assert.equal(update('{"mode":{"replicated":{"replicas":0}}}'), 'destroy');
  });
});
