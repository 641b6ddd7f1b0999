/**
 * How a container that `run`, `create`, `exec` or `service create` makes is handed the host it
 * runs on — which on a remote engine is someone else's machine: `--privileged`, the host's pid,
 * network or ipc namespace, powerful capabilities, confinement switched off, or a bind mount of
 * the host's root, its system directories or the engine's own socket. Any of these is root on
 * that machine, so the guard asks for them as for a destroy, and the question says which.
 */
import * as path from 'node:path';

import type { GivenOptions } from './dockerCommandTable';

const namespaceOptions = ['pid', 'ipc', 'net', 'network', 'uts', 'userns', 'cgroupns'];

/** Capabilities that amount to the host (CAP_ prefix optional, any case, as docker reads them). */
const hostCapabilities = /^(?:cap_)?(?:all|sys_admin|sys_module|sys_ptrace|sys_rawio|dac_read_search|bpf|perfmon)$/i;

/** Host directories whose bind gives the host away (the engine's socket lives under /run). */
const hostDirectories = new Set([
  '/',
  '/etc',
  '/proc',
  '/sys',
  '/dev',
  '/root',
  '/boot',
  '/usr',
  '/var',
  '/run',
  '/var/run',
  '/var/lib',
  '/var/lib/docker',
  '/run/containerd',
]);

/** The host path a `SRC:DST[:OPTS]` volume spec binds (`-v`, or a `Binds` entry of the API), if it binds one. */
export function volumeSpecSource(spec: string): string | undefined {
  const parts = spec.split(':');
  return parts.length >= 2 && parts[0].startsWith('/') ? parts[0] : undefined;
}

/**
 * The host directory a volume of the `local` driver binds: `type=none,o=bind,device=/` (docker's
 * documented way to bind a host path as a named volume), whether made by `volume create --opt`,
 * `--mount type=volume,volume-opt=…` or the API's DriverOpts.
 */
export function localVolumeBindSource(driver: string | undefined, options: ReadonlyMap<string, string>): string | undefined {
  if (driver && driver !== 'local') return undefined;
  const mountOptions = (options.get('o') ?? '').split(',').map((option) => option.trim());
  const device = options.get('device');
  return device && mountOptions.some((option) => option === 'bind' || option === 'rbind') ? device : undefined;
}

/** `KEY=VALUE` words (`--opt`, `volume-opt=`) as the map docker makes of them, the last one winning. */
function keyValues(words: string[]): Map<string, string> {
  return new Map(
    words.map((word) => [word.slice(0, word.indexOf('=') < 0 ? undefined : word.indexOf('=')), word.includes('=') ? word.slice(word.indexOf('=') + 1) : '']),
  );
}

/** The source of a bind mount, as docker reads `-v SRC:DST[:OPTS]` and `--mount type=bind,source=SRC,…` (or a volume that binds). */
function bindSources({ values }: GivenOptions): string[] {
  const fromVolumes = values('volume').flatMap((spec) => volumeSpecSource(spec) ?? []);
  const fromMounts = values('mount').flatMap((spec) => {
    const volumeOptions = keyValues(
      spec
        .split(',')
        .filter((field) => field.trim().toLowerCase().startsWith('volume-opt='))
        .map((field) => field.trim().slice('volume-opt='.length)),
    );
    const fields = new Map(
      spec.split(',').map((field) => {
        const equals = field.indexOf('=');
        return [
          field
            .slice(0, equals < 0 ? undefined : equals)
            .trim()
            .toLowerCase(),
          equals < 0 ? '' : field.slice(equals + 1).trim(),
        ] as const;
      }),
    );
    const source = fields.get('source') ?? fields.get('src');
    if (fields.get('type') === 'bind' && source) return [source];
    return (fields.get('type') ?? 'volume') === 'volume' ? (localVolumeBindSource(fields.get('volume-driver'), volumeOptions) ?? []) : [];
  });
  return [...fromVolumes, ...fromMounts];
}

/**
 * A host directory above, or a socket by its name: the engine's own (`docker.sock`, or whatever a
 * client's DOCKER_HOST names, as `--use-api-socket` binds it: a rootless engine's, this guard's
 * gateway socket) or another daemon's API (`containerd.sock`, `buildkitd.sock`).
 */
function exposesHost(source: string): boolean {
  const normalized = path.posix.normalize(source).replace(/(.)\/+$/, '$1');
  return hostDirectories.has(normalized) || /\.sock$/.test(normalized);
}

/**
 * What a new container (or exec, or service task) is given of the host, however it was asked:
 * from a command line here, from an Engine API body in engineApi/apiHostAccess.ts.
 */
export interface HostGrants {
  privileged: boolean;
  useApiSocket: boolean;
  /** Namespace modes by docker's option name (`pid`, `network`…): `host` shares the host's. */
  namespaces: Record<string, string[]>;
  capAdd: string[];
  securityOpt: string[];
  bindSources: string[];
}

export const noHostGrants: HostGrants = { privileged: false, useApiSocket: false, namespaces: {}, capAdd: [], securityOpt: [], bindSources: [] };

/** The reasons a container is handed the host, worded as docker's options are. */
export function hostAccessReasons(grants: HostGrants): string[] {
  const reasons: string[] = [];
  if (grants.privileged) reasons.push('--privileged');
  if (grants.useApiSocket) reasons.push('--use-api-socket');
  for (const [option, modes] of Object.entries(grants.namespaces)) {
    if (modes.some((value) => value.trim().toLowerCase() === 'host')) reasons.push(`--${option}=host`);
  }
  for (const capability of grants.capAdd.flatMap((value) => value.split(','))) {
    if (hostCapabilities.test(capability.trim())) reasons.push(`--cap-add=${capability.trim()}`);
  }
  for (const option of grants.securityOpt) {
    if (/^(?:seccomp|apparmor|label|systempaths)[=:](?:unconfined|disable)$/i.test(option.trim())) reasons.push(`--security-opt=${option.trim()}`);
  }
  for (const source of grants.bindSources) {
    if (exposesHost(source)) reasons.push(`bind of ${source}`);
  }
  return [...new Set(reasons)];
}

/** `volume create --opt type=none --opt o=bind --opt device=/`: every container that mounts it later gets the host's directory. */
export function volumeCreateHostAccessOf(given: GivenOptions): string[] {
  const source = localVolumeBindSource(given.values('driver').at(-1), keyValues(given.values('opt')));
  return source ? hostAccessReasons({ ...noHostGrants, bindSources: [source] }) : [];
}

/** From a command line (`run`, `create`, `exec`, `service create`). */
export function hostAccessOf(given: GivenOptions): string[] {
  return hostAccessReasons({
    privileged: given.flag('privileged'),
    useApiSocket: given.flag('use-api-socket'),
    namespaces: Object.fromEntries(namespaceOptions.map((option) => [option, given.values(option)])),
    capAdd: given.values('cap-add'),
    securityOpt: given.values('security-opt'),
    bindSources: bindSources(given),
  });
}
