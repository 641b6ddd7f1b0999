/**
 * One spelling per engine address, so that two endpoints that reach the same engine compare
 * equal: `-H tcp://Prod.example:2376` (or DOCKER_HOST) and a context whose endpoint is
 * `tcp://prod.example:2376` are the same engine, and the guard weighs the command as that
 * context's (its tier), not as an anonymous default context. Names are compared as written
 * (no DNS): `localhost` and `127.0.0.1` stay two addresses.
 */
import * as path from 'node:path';

import type { DockerContext } from './dockerContext';

export function engineAddress(context: Pick<DockerContext, 'host' | 'transport'>): string | undefined {
  const match = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/is.exec(context.host.trim());
  if (!match) return undefined;
  const scheme = match[1].toLowerCase();
  const rest = match[2];
  switch (scheme) {
    case 'unix':
      return `unix://${path.posix.normalize(rest)}`;
    case 'npipe':
      return `npipe://${rest.toLowerCase()}`;
    case 'tcp':
    case 'http':
    case 'https': {
      const url = parseAuthority(rest);
      // docker dials a context's endpoint without a port on 443 with TLS, else 80.
      return url && `tcp://${url.hostname}:${url.port || (context.transport === 'tls' ? '443' : '80')}`;
    }
    case 'ssh': {
      const url = parseAuthority(rest);
      return url && `ssh://${url.username}@${url.hostname}:${url.port || '22'}${url.pathname === '/' ? '' : url.pathname}`;
    }
    default:
      return undefined;
  }
}

function parseAuthority(rest: string): URL | undefined {
  try {
    return new URL(`http://${rest}`);
  } catch {
    return undefined;
  }
}
