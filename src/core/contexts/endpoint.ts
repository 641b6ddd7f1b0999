/**
 * What a Docker endpoint address says about the connection: its transport, and whether it is
 * local (a unix socket or Windows named pipe on this machine) or remote.
 */

export type Transport = 'unix' | 'npipe' | 'ssh' | 'tls' | 'tcp';

/** The engine address the Docker CLI falls back to when nothing else is configured. */
export function platformDefaultHost(platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32' ? 'npipe:////./pipe/docker_engine' : 'unix:///var/run/docker.sock';
}

/**
 * The transport docker uses for a context endpoint `host` (docker/cli cli/context/docker
 * ClientOpts, and the API client's ParseHostURL and ConfigureTransport): `usesTls` says
 * whether the context has a TLS configuration (its TLS directory exists, or SkipTLSVerify),
 * which alone decides between TLS and plain HTTP for anything dialled over TCP, `https://`
 * included. No host is the platform socket; `ssh` is matched as URL schemes are (any case);
 * `unix` and `npipe` exactly, and every other scheme, as docker does, is dialled over TCP.
 * Throws for an address docker cannot dial: no scheme, no address, a socket scheme in other
 * case (`UNIX://`, which docker dials as TCP and fails) and `fd://`.
 */
export function transportOf(host: string, usesTls: boolean, platform: NodeJS.Platform = process.platform): Transport {
  if (host === '') return platform === 'win32' ? 'npipe' : 'unix';
  const separator = host.indexOf('://');
  const scheme = separator < 0 ? undefined : host.slice(0, separator);
  if (scheme?.toLowerCase() === 'ssh') return 'ssh';
  if (scheme === undefined || separator + 3 === host.length) throw new Error(`unable to parse docker host \`${host}\``);
  if (scheme === 'unix' || scheme === 'npipe') return scheme;
  if (['unix', 'npipe', 'fd'].includes(scheme.toLowerCase())) throw new Error(`unsupported protocol "${scheme}" in Docker endpoint "${host}"`);
  return usesTls ? 'tls' : 'tcp';
}

/** The address docker dials for a context endpoint `host`: its own, or the platform socket when it names none. */
export function dialedHost(host: string, platform: NodeJS.Platform = process.platform): string {
  return host || platformDefaultHost(platform);
}

/**
 * DOCKER_HOST or `-H` as the Docker CLI reads them (docker/cli `opts.ParseHost`), so the default
 * context shows and reaches the address docker dials: no scheme means tcp; a tcp address gets
 * `localhost` and port 2375 where it names none; an empty unix or npipe path is the standard
 * socket; a blank value is the platform socket (localhost:2376 with TLS). Contexts' own
 * endpoints are used as written, as docker does. Throws docker's complaint for an address
 * docker refuses.
 */
export function normalizeDockerHost(value: string, usesTls: boolean, platform: NodeJS.Platform = process.platform): string {
  const host = value.trim();
  if (host === '') return usesTls ? 'tcp://localhost:2376' : platformDefaultHost(platform);
  const separator = host.indexOf('://');
  const scheme = separator < 0 ? 'tcp' : host.slice(0, separator);
  const address = separator < 0 ? host : host.slice(separator + 3);
  switch (scheme) {
    case 'tcp':
      return normalizeTcpAddress(address);
    case 'unix':
      return `unix://${address || '/var/run/docker.sock'}`;
    case 'npipe':
      return `npipe://${address || '//./pipe/docker_engine'}`;
    case 'ssh':
    case 'fd':
      return host;
    default:
      throw new Error(`invalid bind address format: ${host}`);
  }
}

/** docker/cli `opts.ParseTCPAddr` with its default `tcp://localhost:2375`, quirks included (`[::1]` without a port is refused). */
function normalizeTcpAddress(given: string): string {
  const address = given.replace(/^tcp:\/\//, '');
  if (address === '') return 'tcp://localhost:2375';
  const invalid = () => new Error(`invalid bind address format: ${given}`);
  if (address.includes('://')) throw new Error(`invalid proto, expected tcp: ${given}`);
  const slash = address.indexOf('/');
  // A user name before @ is dropped, as Go's URL parser leaves it out of the host.
  const authority = (slash < 0 ? address : address.slice(0, slash)).replace(/^.*@/, '');
  const path = slash < 0 ? '' : address.slice(slash);
  let host: string;
  let port: string;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    const after = authority.slice(close + 1);
    if (close < 0 || !after.startsWith(':')) throw invalid();
    [host, port] = [authority.slice(1, close), after.slice(1)];
  } else if ((authority.match(/:/g) ?? []).length === 1) {
    [host, port] = authority.split(':') as [string, string];
  } else {
    // No colon, or a bare IPv6 address: the whole is the host.
    [host, port] = [authority, ''];
  }
  host ||= 'localhost';
  port ||= '2375';
  if (!/^\d+$/.test(port)) throw invalid();
  return `tcp://${host.includes(':') ? `[${host}]` : host}:${port}${path}`;
}

export function isLocalTransport(transport: Transport | undefined): boolean {
  return transport === 'unix' || transport === 'npipe';
}
