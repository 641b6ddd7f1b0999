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
 * The transport of `host`; `usesTls` says whether a `tcp://` endpoint is configured for TLS
 * (TLS files in the context, or SkipTLSVerify set). Throws for an address docker cannot use.
 */
export function transportOf(host: string, usesTls: boolean): Transport {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(host)?.[1]?.toLowerCase();
  switch (scheme) {
    case 'unix':
      return 'unix';
    case 'npipe':
      return 'npipe';
    case 'ssh':
      return 'ssh';
    case 'tcp':
    case 'http':
      return usesTls ? 'tls' : 'tcp';
    case 'https':
      return 'tls';
    case undefined:
      throw new Error(host === '' ? 'the context has no Docker endpoint host' : `"${host}" is not a Docker endpoint address (expected unix://, npipe://, ssh:// or tcp://)`);
    default:
      throw new Error(`unsupported protocol "${scheme}" in Docker endpoint "${host}"`);
  }
}

export function isLocalTransport(transport: Transport | undefined): boolean {
  return transport === 'unix' || transport === 'npipe';
}
