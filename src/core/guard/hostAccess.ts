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

/** The source of a bind mount, as docker reads `-v SRC:DST[:OPTS]` and `--mount type=bind,source=SRC,…`. */
function bindSources({ values }: GivenOptions): string[] {
  const fromVolumes = values('volume')
    .map((spec) => spec.split(':'))
    .filter((parts) => parts.length >= 2 && parts[0].startsWith('/'))
    .map((parts) => parts[0]);
  const fromMounts = values('mount').flatMap((spec) => {
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
    return fields.get('type') === 'bind' && source ? [source] : [];
  });
  return [...fromVolumes, ...fromMounts];
}

function exposesHost(source: string): boolean {
  const normalized = path.posix.normalize(source).replace(/(.)\/+$/, '$1');
  return hostDirectories.has(normalized) || /(?:^|\/)(?:docker|containerd|podman)\.sock$/.test(normalized);
}

export function hostAccessOf(given: GivenOptions): string[] {
  const reasons: string[] = [];
  if (given.flag('privileged')) reasons.push('--privileged');
  if (given.flag('use-api-socket')) reasons.push('--use-api-socket');
  for (const option of namespaceOptions) {
    if (given.values(option).some((value) => value.trim().toLowerCase() === 'host')) reasons.push(`--${option}=host`);
  }
  for (const capability of given.values('cap-add').flatMap((value) => value.split(','))) {
    if (hostCapabilities.test(capability.trim())) reasons.push(`--cap-add=${capability.trim()}`);
  }
  for (const option of given.values('security-opt')) {
    if (/^(?:seccomp|apparmor|label|systempaths)[=:](?:unconfined|disable)$/i.test(option.trim())) reasons.push(`--security-opt=${option.trim()}`);
  }
  for (const source of bindSources(given)) {
    if (exposesHost(source)) reasons.push(`bind of ${source}`);
  }
  return [...new Set(reasons)];
}
