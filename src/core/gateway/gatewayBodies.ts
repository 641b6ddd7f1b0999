/**
 * Reading the start of a request body before the request is judged: the JSON bodies that decide
 * a request's class (capped: past the cap the body is not read, and the request is weighed as a
 * destroy), and the exact body of a request that takes its connection over (exec start's small
 * JSON), after which every byte is the stream's. What was read is forwarded unchanged.
 */
import type { Readable } from 'node:stream';

/** What the gateway reads of a body that decides; bodies of creates and updates are a few KiB. */
export const decidingBodyCap = 1024 * 1024;

export interface BodyStart {
  chunks: Buffer[];
  /** The whole body was read (the stream has ended); else the stream is paused past the cap. */
  complete: boolean;
}

/** Reads `stream` to its end, or pauses it once more than `cap` bytes came. */
export function readCapped(stream: Readable, cap: number): Promise<BodyStart> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (complete: boolean) => {
      stream.off('data', onData).off('end', onEnd).off('error', reject);
      if (!complete) stream.pause();
      resolve({ chunks, complete });
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > cap) finish(false);
    };
    const onEnd = () => finish(true);
    stream.on('data', onData).once('end', onEnd).once('error', reject);
  });
}

/** Reads exactly `length` bytes, starting with `head`; what came beyond is `rest`. The stream is left paused. */
export function readExactly(stream: Readable, head: Buffer, length: number): Promise<{ body: Buffer; rest: Buffer }> {
  return new Promise((resolve, reject) => {
    let buffered = head;
    const check = () => {
      if (buffered.length < length) return false;
      stream.off('data', onData).off('end', onEnd).off('error', reject);
      stream.pause();
      resolve({ body: buffered.subarray(0, length), rest: buffered.subarray(length) });
      return true;
    };
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      check();
    };
    const onEnd = () => reject(new Error('the connection ended inside the request body'));
    if (check()) return;
    stream.on('data', onData).once('end', onEnd).once('error', reject);
  });
}
