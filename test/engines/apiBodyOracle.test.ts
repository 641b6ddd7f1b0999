/**
 * The Engine API route table against dockerd itself, differentially: odd create bodies (folded
 * and repeated keys, `null`, Go's reuse of slice elements, Kelvin's K and the long s in keys, odd
 * bind paths) are sent raw to the harness's engine, and what the engine really made (inspect)
 * is the oracle: classifyApiRequest must name the host access whenever the engine granted it. Odd
 * spellings of a request target likewise: whenever dockerd removed the container, the table must
 * say destroy, and whatever dockerd routes must not be an unknown route to it.
 */
import * as assert from 'node:assert/strict';

import { containerCreateHostAccess, execCreateHostAccess, volumeCreateHostAccess } from '../../src/core/engineApi/apiHostAccess';
import { classifyApiRequest } from '../../src/core/engineApi/apiRoutes';
import { GoStruct } from '../../src/core/engineApi/goStruct';
import { loadHarnessInfo } from '../support/harnessInfo';
import { hostAccessKind } from '../support/hostAccessKind';
import { rawEngineRequest } from '../support/rawEngineRequest';

const kelvin = '\u212a';
const longS = '\u017f';

/** Create bodies, `IMAGE` and `SOCK` replaced by the harness's image and the engine's own socket. */
function createBodies(): string[] {
  const hostConfigs = [
    '{"Privileged":true}',
    '{"privileged":true}',
    '{"PRIVILEGED":true,"Privileged":null}',
    '{"Privileged":true,"Privileged":false}',
    '{"Binds":["/:/h"]}',
    '{"Binds":["//:/h"]}',
    '{"Binds":["/etc/:/h:ro"]}',
    '{"Binds":["/tmp/../:/h"]}',
    '{"Binds":["SOCK:/s"]}',
    '{"Binds":["/:/h"],"Binds":[null]}',
    '{"Binds":["/:/h"],"Binds":null,"Binds":[null]}',
    '{"Binds":["/tmp:/a","/:/h"],"Binds":["/tmp:/a"]}',
    '{"Binds":["/tmp:/a","/:/h"],"Binds":["/tmp:/a"],"Binds":["/tmp:/a",null]}',
    `{"bind${longS}":["/:/h"]}`,
    '{"Mounts":[{"Type":"bind","Source":"/","Target":"/h"}]}',
    '{"Mounts":[{"Type":"BIND","Source":"/","Target":"/h"}]}',
    '{"mounts":[{"type":"bind","source":"//","target":"/h"}]}',
    '{"Mounts":[{"Type":"bind","Source":"/etc/","Target":"/h"}]}',
    '{"Mounts":[{"Type":"bind","Source":"SOCK","Target":"/s"}]}',
    '{"Mounts":[{"Type":"bind","Source":"/","Target":"/h"}],"Mounts":[{"Target":"/h2"}]}',
    '{"Mounts":[{"Type":"bind","Source":"/","Target":"/h"}],"Mounts":[null]}',
    '{"Mounts":[{"Type":"bind","Source":"/","Target":"/h"}],"Mounts":null,"Mounts":[{"Type":"volume","Target":"/h2"}]}',
    '{"Mounts":[{"Type":"bind","Source":"/tmp","Target":"/t"},{"Type":"bind","Source":"/","Target":"/h"}],"Mounts":[{"Target":"/t"}],"Mounts":[{"Target":"/t"},{"Target":"/h3"}]}',
    '{"PidMode":"host"}',
    '{"pidmode":"host","PidMode":null}',
    '{"PidMode":"HOST"}',
    `{"Networ${kelvin}Mode":"host"}`,
    '{"IpcMode":"host"}',
    '{"UTSMode":"host"}',
    '{"UsernsMode":"host"}',
    '{"CgroupnsMode":"host"}',
    '{"CapAdd":["SYS_ADMIN"]}',
    '{"CapAdd":["CAP_SYS_ADMIN"]}',
    '{"capadd":["sys_admin"]}',
    '{"CapAdd":["ALL"]}',
    '{"CapAdd":["SYS_PTRACE","NET_ADMIN"],"CapAdd":[null]}',
    '{"SecurityOpt":["seccomp=unconfined"]}',
    '{"SecurityOpt":["seccomp:unconfined"]}',
    '{"SecurityOpt":["apparmor=unconfined"]}',
    '{"SecurityOpt":["label=disable"]}',
    '{"SecurityOpt":["systempaths=unconfined"]}',
    '{"NetworkMode":"none"}',
    '{"MaskedPaths":[]}',
    '{"ReadonlyPaths":["/proc/bus"]}',
    '{"MaskedPaths":[],"MaskedPaths":null}',
    '{"ReadonlyPaths":["/proc/bus","/proc/fs","/proc/irq","/proc/sys","/proc/sysrq-trigger","/tmp"]}',
    '{"Privileged":true,"MaskedPaths":null}',
    '{"Mounts":[{"Type":"volume","Target":"/h","VolumeOptions":{"DriverConfig":{"Name":"local","Options":{"type":"none","o":"bind","device":"/"}}}}]}',
    '{"Mounts":[{"Type":"volume","Target":"/h","VolumeOptions":{"DriverConfig":{"Options":{"type":"none","o":"bind","device":"/","O":"x"}}}}]}',
    '{"Mounts":[{"Type":"volume","Target":"/h","VolumeOptions":{"DriverConfig":{"Options":{"o":"bind"},"options":{"device":"/etc"}}}}]}',
  ];
  const bodies = hostConfigs.map((hostConfig) => `{"Image":"IMAGE","HostConfig":${hostConfig}}`);
  return [
    ...bodies,
    '{"Image":"IMAGE","hostconfig":{"privileged":true}}',
    '{"Image":"IMAGE","HostConfig":{"Privileged":true},"hostConfig":{}}',
    '{"Image":"IMAGE","HostConfig":{"Privileged":true},"HostConfig":null}',
    '{"Image":"IMAGE","HostConfig":null,"HostConfig":{"Privileged":true}}',
    '{"Image":"IMAGE","HostConfig":{"Binds":["/:/h"]},"HOSTCONFIG":{"Privileged":true}}',
    `{"Image":"IMAGE","Ho${longS}tConfig":{"Privileged":true}}`,
    `{"Image":"IMAGE","HostConfig":{"Privileged":true}} trailing words the decoder never reads`,
    '{"Image":"IMAGE"}{"HostConfig":{"Privileged":true}}',
    '{"Image":"IMAGE","Host\\u0043onfig":{"Privileged":true}}',
    '{"Image":"IMAGE","HostConfig":{"Privileged":"true"}}',
    '{"Image":"IMAGE","HostConfig":{"Privileged":1}}',
    '{"Image":"IMAGE","HostConfig":[{"Privileged":true}]}',
    '{"Image":"IMAGE"}',
  ];
}

interface Inspected {
  Id: string;
  HostConfig: Record<string, unknown>;
}

describe('the Engine API route table against dockerd (differential, raw requests)', function () {
  this.timeout(120_000);
  const info = loadHarnessInfo();
  const socket = info.local.socketPath;
  const api = (method: string, target: string, body?: string) => rawEngineRequest(socket, method, target, body);
  const made: string[] = [];

  async function create(body: string): Promise<Inspected | undefined> {
    const answer = await api('POST', '/containers/create', body);
    if (answer.status !== 201) return undefined;
    const id = (JSON.parse(answer.body) as { Id: string }).Id;
    made.push(id);
    return JSON.parse((await api('GET', `/containers/${id}/json`)).body) as Inspected;
  }

  after(async () => {
    await Promise.all(made.map((id) => api('DELETE', `/containers/${id}?force=1`)));
  });

  it('names the host access of every container the engine made from an odd body', async () => {
    // What the engine stored, in its own canonical JSON, weighed by the shared rules.
    const engineAccess = (container: Inspected) =>
      containerCreateHostAccess(GoStruct.parse(JSON.stringify({ HostConfig: container.HostConfig }))!).map(hostAccessKind);
    // What it gives every container unasked (on cgroup v1, dockerd 20.10 shares the host's cgroup namespace).
    const baseline = engineAccess((await create(JSON.stringify({ Image: info.image })))!);
    const disagreements: string[] = [];
    let granted = 0;
    let created = 0;
    for (const template of createBodies()) {
      const body = template.replace('IMAGE', info.image).replaceAll('SOCK', socket);
      const ours = (classifyApiRequest('POST', '/v1.41/containers/create', body).hostAccess ?? []).map(hostAccessKind);
      const container = await create(body);
      if (!container) continue;
      created++;
      // The engine switches SELinux labels off itself for a privileged container or one in the host's pid or ipc namespace.
      const consequence = ours.some((kind) => ['--privileged', '--pid=HOST', '--ipc=HOST'].includes(kind)) ? ['--security-opt=LABEL=DISABLE'] : [];
      const engine = engineAccess(container).filter((kind) => !baseline.includes(kind) && !consequence.includes(kind));
      if (engine.length > 0) granted++;
      const missed = engine.filter((kind) => !ours.includes(kind));
      if (missed.length > 0) disagreements.push(`${body}: the engine granted ${missed.join(', ')}; the table says [${ours.join(', ')}]`);
    }
    assert.deepEqual(disagreements, [], `${disagreements.length} bodies`);
    assert.ok(created >= 40 && granted >= 30, `the engine made ${created} containers, ${granted} with host access: the corpus must reach it`);
  });

  it('names a volume the engine made to bind a host directory', async () => {
    const disagreements: string[] = [];
    const bodies = [
      '{"Driver":"local","DriverOpts":{"type":"none","o":"bind","device":"/"}}',
      '{"DriverOpts":{"type":"none","o":"bind,ro","device":"/etc"}}',
      '{"driveropts":{"type":"none","o":"bind"},"DriverOpts":{"device":"/"}}',
      '{"DriverOpts":{"type":"none","o":"bind","device":"/"},"DriverOpts":null}',
      '{"DriverOpts":{"type":"none","O":"bind","device":"/"}}',
      '{"DriverOpts":{"type":"tmpfs","device":"tmpfs"}}',
    ];
    let granted = 0;
    let created = 0;
    for (const [index, body] of bodies.entries()) {
      const name = `dcg-routes-${process.pid}-${index}`;
      const full = body.replace('{', `{"Name":"${name}",`);
      const ours = classifyApiRequest('POST', '/volumes/create', full).hostAccess ?? [];
      // The local driver refuses options it does not know (`O`): nothing made, nothing to miss.
      if ((await api('POST', '/volumes/create', full)).status !== 201) continue;
      created++;
      const volume = JSON.parse((await api('GET', `/volumes/${name}`)).body) as { Driver: string; Options: Record<string, string> | null };
      await api('DELETE', `/volumes/${name}`);
      const engine = volumeCreateHostAccess(GoStruct.parse(JSON.stringify({ Driver: volume.Driver, DriverOpts: volume.Options }))!);
      if (engine.length > 0) granted++;
      if (engine.some((reason) => !ours.includes(reason)))
        disagreements.push(`${full}: the engine made ${engine.join(', ')}, the table says [${ours.join(', ')}]`);
    }
    assert.deepEqual(disagreements, []);
    assert.ok(created >= 4 && granted >= 3, `${created} volumes made, ${granted} binding the host`);
  });

  it('names an exec the engine made privileged', async () => {
    const container = await create(JSON.stringify({ Image: info.image, Cmd: ['sleep', '300'] }));
    assert.ok(container);
    assert.equal((await api('POST', `/containers/${container.Id}/start`)).status, 204);
    const disagreements: string[] = [];
    for (const body of ['{"Privileged":true}', '{"privileged":true}', '{"Privileged":true,"Privileged":null}', `{"Privileged":false,"PRIVILEGED":true}`]) {
      const full = body.replace('{', '{"Cmd":["true"],');
      const ours = classifyApiRequest('POST', `/containers/${container.Id}/exec`, full).hostAccess ?? [];
      const answer = await api('POST', `/containers/${container.Id}/exec`, full);
      assert.equal(answer.status, 201, answer.body);
      const exec = JSON.parse((await api('GET', `/exec/${(JSON.parse(answer.body) as { Id: string }).Id}/json`)).body) as { Privileged: boolean };
      const engine = execCreateHostAccess(GoStruct.parse(JSON.stringify({ Privileged: exec.Privileged }))!);
      if (engine.some((reason) => !ours.includes(reason)))
        disagreements.push(`${full}: the engine made ${engine.join(', ')}, the table says [${ours.join(', ')}]`);
    }
    assert.deepEqual(disagreements, []);
  });

  it('says destroy for every spelling of a DELETE that removed the container, and routes what dockerd routes', async () => {
    const spellings = [
      '/containers/NAME',
      '/v1.41/containers/NAME?force=1',
      '/containers/%4EAME',
      '/%63ontainers/NAME',
      'http://docker/containers/NAME',
      'HTTP://docker/v1.41/containers/NAME?force=1',
      'x:/containers/NAME',
      'x+y.z-1:/v1.41/containers/NAME',
      '//containers/NAME',
      '/containers/./NAME',
      '/containers/x/../NAME',
      '/containers/NAME/',
      '/containers/NAME#',
      '/containers/NAME?#',
      '/containers/NAME%23',
      '/containers/NAME%0D',
      '/containers/NAME%2F',
      '/v1.41//containers/NAME',
      '/v/containers/NAME',
      'http://docker?/containers/NAME',
    ];
    const disagreements: string[] = [];
    let removed = 0;
    for (const [index, spelling] of spellings.entries()) {
      const name = `dcg-route-${process.pid}-${index}`;
      const container = await create(JSON.stringify({ Image: info.image }));
      assert.ok(container);
      assert.equal((await api('POST', `/containers/${container.Id}/rename?name=${name}`)).status, 204);
      const target = spelling.replace('NAME', name).replace('%4EAME', `%${name.charCodeAt(0).toString(16)}${name.slice(1)}`);
      const ours = classifyApiRequest('DELETE', target);
      const answer = await api('DELETE', target);
      const gone = (await api('GET', `/containers/${container.Id}/json`)).status === 404;
      if (gone) removed++;
      if (gone && ours.class !== 'destroy') disagreements.push(`DELETE ${target} removed the container; the table says ${ours.class} (${ours.operation})`);
      const routed = !(answer.status === 404 && answer.body.includes('page not found')) && answer.status !== 301 && answer.status !== 400;
      if (routed && ours.unknownRoute) disagreements.push(`DELETE ${target}: dockerd routed it (${answer.status}), the table knows no route`);
    }
    assert.deepEqual(disagreements, []);
    assert.ok(removed >= 8, `only ${removed} spellings removed their container`);
  });

  it('routes every read spelling dockerd routes', async () => {
    const targets = [
      '/v1.41/containers/json',
      '/containers/json?all=1',
      '/containers/json?',
      '/%63ontainers/json',
      'http://docker/containers/json',
      'foo://docker/v1.41/info',
      'x:/version',
      '/networks/',
      '/containers/%ff/json',
      '/containers/a%0Db/json',
      '/debug/vars',
      '/_ping',
      '/containers/json#x',
      '/containers/json/',
      '/services/a/b',
      '/containers/a%0Ab/json',
      '/v/containers/json',
    ];
    const disagreements: string[] = [];
    for (const [method, target] of [
      ...targets.map((target) => ['GET', target]),
      ['HEAD', '/_ping'],
      ['HEAD', '/containers/json'],
      ['OPTIONS', '/anything/at/all'],
    ]) {
      const answer = await api(method, target);
      const routed =
        !(answer.status === 404 && (answer.body.includes('page not found') || method === 'HEAD')) && answer.status !== 301 && answer.status !== 400;
      const ours = classifyApiRequest(method, target);
      if (routed !== !ours.unknownRoute)
        disagreements.push(`${method} ${target}: dockerd ${routed ? 'routes' : 'does not route'} it (${answer.status}), the table says ${ours.operation}`);
      if (routed && ours.class !== 'read') disagreements.push(`${method} ${target}: a read classed ${ours.class}`);
    }
    assert.deepEqual(disagreements, []);
  });
});
