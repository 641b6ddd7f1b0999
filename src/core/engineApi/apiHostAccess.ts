/**
 * How an Engine API body hands the new container the host, in the words the terminal guard uses
 * for the same request on a command line (guard/hostAccess.ts holds the rules): `docker run
 * --privileged` and `POST /containers/create {"HostConfig":{"Privileged":true}}` are one thing.
 */
import { hostAccessReasons, type HostGrants, volumeSpecSource } from '../guard/hostAccess';
import type { GoStruct } from './goStruct';

const hostConfigModes: Record<string, string> = {
  pid: 'PidMode',
  ipc: 'IpcMode',
  network: 'NetworkMode',
  uts: 'UTSMode',
  userns: 'UsernsMode',
  cgroupns: 'CgroupnsMode',
};

const noGrants: HostGrants = { privileged: false, useApiSocket: false, namespaces: {}, capAdd: [], securityOpt: [], bindSources: [] };

function bindMountSources(mounts: GoStruct[]): string[] {
  return mounts.filter((mount) => (mount.string('Type') ?? '').toLowerCase() === 'bind').flatMap((mount) => mount.string('Source') ?? []);
}

/** `POST /containers/create`: the HostConfig. */
export function containerCreateHostAccess(body: GoStruct): string[] {
  const hostConfig = body.struct('HostConfig');
  return hostAccessReasons({
    ...noGrants,
    privileged: hostConfig.bool('Privileged'),
    namespaces: Object.fromEntries(Object.entries(hostConfigModes).map(([option, field]) => [option, [hostConfig.string(field) ?? '']])),
    capAdd: hostConfig.strings('CapAdd'),
    securityOpt: hostConfig.strings('SecurityOpt'),
    bindSources: [...hostConfig.strings('Binds').flatMap((spec) => volumeSpecSource(spec) ?? []), ...bindMountSources(hostConfig.structs('Mounts'))],
  });
}

/** `POST /containers/{id}/exec`. */
export function execCreateHostAccess(body: GoStruct): string[] {
  return hostAccessReasons({ ...noGrants, privileged: body.bool('Privileged') });
}

/** `POST /services/create` and `/services/{id}/update`: the task's container spec and networks. */
export function serviceHostAccess(body: GoStruct): string[] {
  const task = body.struct('TaskTemplate');
  const spec = task.struct('ContainerSpec');
  return hostAccessReasons({
    ...noGrants,
    namespaces: { network: task.structs('Networks').map((network) => network.string('Target') ?? '') },
    capAdd: spec.strings('CapabilityAdd'),
    bindSources: bindMountSources(spec.structs('Mounts')),
  });
}
