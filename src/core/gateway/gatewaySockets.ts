/**
 * Where the engine gateway listens for one context, so that the extension (which opens the
 * sockets), the terminal shim (which routes `docker` to them) and the CLI agree without talking:
 * one socket per context in the gateway's folder, named after a hash of the context's name
 * (context names may hold any character, and a unix socket path must stay under ~104 bytes).
 * On Windows the same seam gives a named pipe instead; nothing else knows the difference.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** The socket (or named pipe) of `contextName` in the gateway folder `directory`. */
export function gatewaySocketPath(directory: string, contextName: string, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return `\\\\.\\pipe\\docker-context-guard-${shortHash(directory)}-${shortHash(contextName)}`;
  return path.join(directory, `${shortHash(contextName)}.sock`);
}

/** The DOCKER_HOST that reaches a gateway socket: `unix:///…`, or `npipe:////./pipe/…` on Windows. */
export function gatewayDockerHost(socketPath: string, platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32' ? `npipe://${socketPath.replace(/\\/g, '/')}` : `unix://${socketPath}`;
}
