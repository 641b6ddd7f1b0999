/**
 * One listing request (`GET /containers/json`…) with limits an engine cannot talk its way past.
 * dockerode's own timeout is per socket inactivity, so an engine that sends a byte a second keeps
 * a listing loading forever, and it buffers whatever body it gets (77 MB of container JSON held
 * 493 MB): here the whole request has a deadline, the body is counted as it arrives and dropped
 * past a size, and error bodies are bounded the same way. Hitting a limit is a ListingStopped,
 * which the tree shows as what happened.
 */
import type { IncomingMessage } from 'node:http';
import { addAbortSignal } from 'node:stream';

import type Dockerode from 'dockerode';

import { formatSize } from '../text/dockerFormat';

/** More JSON than any real engine's listing needs (5,000 containers are about 8 MB); parsed, it takes several times that. */
export const maxListingBytes = 16_000_000;

export interface ListingLimits {
  /** For the whole request, from dialling to the last byte. */
  readonly deadlineMs: number;
  readonly maxBytes: number;
}

/** Fetches one listing as parsed JSON within the limits. */
export type ListingFetch = <T>(path: string, query?: Record<string, unknown>) => Promise<T>;

/** A listing cut short by one of our limits (not an engine failure: the engine answered, too slowly or too much). */
export class ListingStopped extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ListingStopped';
  }
}

export function boundedFetch(api: Dockerode, limits: ListingLimits): ListingFetch {
  return async <T>(path: string, query: Record<string, unknown> = {}) => {
    const deadline = new AbortController();
    const timer = setTimeout(
      () => deadline.abort(new ListingStopped(`The listing stopped after ${limits.deadlineMs / 1000} s: the engine had not finished sending it.`)),
      limits.deadlineMs,
    );
    try {
      const response = await new Promise<IncomingMessage>((resolve, reject) =>
        // Every status is taken here, so an error body is bounded like any other.
        api.modem.dial(
          { path: `${path}?`, method: 'GET', options: { ...query }, isStream: true, statusCodes: anyStatus, abortSignal: deadline.signal },
          (error, response) => (error ? reject(error) : resolve(response as IncomingMessage)),
        ),
      );
      addAbortSignal(deadline.signal, response);
      const body = await readBounded(response, limits.maxBytes);
      const json = parseJson(body);
      if (response.statusCode !== 200)
        throw Object.assign(new Error(`(HTTP code ${response.statusCode}) unexpected`), { statusCode: response.statusCode, json: json ?? body });
      if (json === undefined) throw new Error(`the engine's answer to ${path} is not JSON`);
      return json as T;
    } catch (error) {
      throw deadline.signal.aborted ? deadline.signal.reason : error;
    } finally {
      clearTimeout(timer);
    }
  };
}

const anyStatus: Record<number, boolean> = Object.fromEntries(Array.from({ length: 500 }, (_, index) => [100 + index, true]));

async function readBounded(response: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > maxBytes) {
      response.destroy();
      throw new ListingStopped(`The listing stopped: the engine sent more than ${formatSize(maxBytes)}.`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
