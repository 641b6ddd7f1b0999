/**
 * How an Engine API body hands the new container the host, in the words the terminal guard uses
 * for the same request on a command line (guard/hostAccess.ts holds the rules): `docker run
 * --privileged` and `POST /containers/create {"HostConfig":{"Privileged":true}}` are one thing.
 */
import { hostAccessReasons, localVolumeBindSource, noHostGrants, volumeSpecSource } from '../guard/hostAccess';
import type { GoStruct } from './goStruct';

const hostConfigModes: Record<string, string> = {
  pid: 'PidMode',
  ipc: 'IpcMode',
  network: 'NetworkMode',
  uts: 'UTSMode',
  userns: 'UsernsMode',
  cgroupns: 'CgroupnsMode',
};

/**
 * The paths dockerd masks and keeps read-only in every container (moby's oci defaults). A list
 * given in their place (`"MaskedPaths":[]` is how `--security-opt systempaths=unconfined` reaches
 * the API) that leaves one out opens it: the host's kernel knobs, /proc/sysrq-trigger.
 */
const defaultMaskedPaths = [
  '/proc/asound',
  '/proc/acpi',
  '/proc/kcore',
  '/proc/keys',
  '/proc/latency_stats',
  '/proc/timer_list',
  '/proc/timer_stats',
  '/proc/sched_debug',
  '/proc/scsi',
  '/sys/firmware',
];
const defaultReadonlyPaths = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'];

function opensSystemPaths(hostConfig: GoStruct): boolean {
  const leavesOut = (given: string[] | undefined, defaults: string[]) => given !== undefined && defaults.some((path) => !given.includes(path));
  return (
    leavesOut(hostConfig.optionalStrings('MaskedPaths'), defaultMaskedPaths) || leavesOut(hostConfig.optionalStrings('ReadonlyPaths'), defaultReadonlyPaths)
  );
}

/** The host paths `Mounts` bind: a bind's source, or the device of a `local` volume that binds. */
function bindMountSources(mounts: GoStruct[]): string[] {
  return mounts.flatMap((mount) => {
    const type = (mount.string('Type') ?? '').toLowerCase();
    if (type === 'bind') return mount.string('Source') ?? [];
    const driver = mount.struct('VolumeOptions').struct('DriverConfig');
    return type === 'volume' ? (localVolumeBindSource(driver.string('Name'), driver.stringMap('Options')) ?? []) : [];
  });
}

/** `POST /volumes/create`: a `local` volume that binds a host directory. */
export function volumeCreateHostAccess(body: GoStruct): string[] {
  const source = localVolumeBindSource(body.string('Driver'), body.stringMap('DriverOpts'));
  return source ? hostAccessReasons({ ...noHostGrants, bindSources: [source] }) : [];
}

/** `POST /containers/create`: the HostConfig. */
export function containerCreateHostAccess(body: GoStruct): string[] {
  const hostConfig = body.struct('HostConfig');
  return hostAccessReasons({
    ...noHostGrants,
    privileged: hostConfig.bool('Privileged'),
    namespaces: Object.fromEntries(Object.entries(hostConfigModes).map(([option, field]) => [option, [hostConfig.string(field) ?? '']])),
    capAdd: hostConfig.strings('CapAdd'),
    securityOpt: [...hostConfig.strings('SecurityOpt'), ...(opensSystemPaths(hostConfig) ? ['systempaths=unconfined'] : [])],
    bindSources: [...hostConfig.strings('Binds').flatMap((spec) => volumeSpecSource(spec) ?? []), ...bindMountSources(hostConfig.structs('Mounts'))],
  });
}

/** `POST /containers/{id}/exec`. */
export function execCreateHostAccess(body: GoStruct): string[] {
  return hostAccessReasons({ ...noHostGrants, privileged: body.bool('Privileged') });
}

/** `POST /services/create` and `/services/{id}/update`: the task's container spec and networks (the service's own `Networks` are the deprecated spelling of the task's). */
export function serviceHostAccess(body: GoStruct): string[] {
  const task = body.struct('TaskTemplate', 'value');
  const spec = task.struct('ContainerSpec');
  const networks = [...task.structs('Networks'), ...body.structs('Networks')];
  return hostAccessReasons({
    ...noHostGrants,
    namespaces: { network: networks.map((network) => network.string('Target') ?? '') },
    capAdd: spec.strings('CapabilityAdd'),
    bindSources: bindMountSources(spec.structs('Mounts')),
  });
}
