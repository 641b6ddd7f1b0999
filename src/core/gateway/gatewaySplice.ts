/**
 * Two connections joined after a hijack (attach, exec, BuildKit's session): every byte copied
 * both ways, unbuffered, and a half-close passed on as a half-close, which `docker run -i` relies
 * on (its stdin ends, the container's output still flows). A connection that dies takes the other
 * with it; one that ended cleanly first lets the other finish what it was sending.
 */
import type { Duplex } from 'node:stream';

export function splice(client: Duplex, upstream: Duplex): void {
  client.pipe(upstream);
  upstream.pipe(client);
  const follow = (gone: Duplex, other: Duplex) => {
    gone.on('error', () => other.destroy());
    gone.on('close', () => {
      if (gone.readableEnded) other.end();
      else other.destroy();
    });
  };
  follow(client, upstream);
  follow(upstream, client);
}
