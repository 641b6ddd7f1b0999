/**
 * The socket Node's HTTP client gets for one `docker system dial-stdio` exec channel. ssh2's
 * channel is a Duplex but not a socket: its destroy() never emits 'close', it has no setTimeout,
 * and a remote `docker` that is missing just ends the stream (the client would report "socket hang
 * up"). This wrapper behaves like a net.Socket where http looks (setTimeout with 'timeout' events,
 * setNoDelay/setKeepAlive/ref/unref, destroy → 'close') and turns an exec that exits before sending
 * a byte into an error saying why: no docker on the host (exit 127), or dial-stdio's own complaint.
 */
import { Duplex } from 'node:stream';

import type { ClientChannel } from 'ssh2';

import { SshConnectError } from './sshErrors';

const stderrLimit = 4096;

export class DialStdioSocket extends Duplex {
  /** Like net.Socket: the idle timeout in ms, 0 when off (http's agent reads it). */
  timeout = 0;
  readonly connecting = false;
  private idleTimer: NodeJS.Timeout | undefined;
  private received = false;
  private stderr = '';
  private exit: { code: number | null; signal?: string } | undefined;
  private remoteEnded = false;
  private channelClosed = false;
  private settled = false;
  private pendingWrite: ((error?: Error | null) => void) | undefined;
  private freeTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly channel: ClientChannel,
    /** For messages: `user@host:port`. */
    private readonly where: string,
  ) {
    super({ allowHalfOpen: true });
    channel.on('data', (chunk: Buffer) => {
      this.received = true;
      this.touch();
      if (!this.push(chunk)) channel.pause();
    });
    channel.stderr.on('data', (chunk: Buffer) => {
      if (this.stderr.length < stderrLimit) this.stderr += chunk.toString('utf8');
    });
    channel.on('exit', (code: number | null, signal?: string) => {
      this.exit = { code, signal };
      this.settle();
    });
    channel.on('end', () => {
      this.remoteEnded = true;
      this.settle();
    });
    channel.on('close', () => {
      this.channelClosed = true;
      // ssh2 closes after the readable side ended; should bytes still be queued, their 'end' settles.
      if (channel.readableEnded || !channel.readable) this.remoteEnded = true;
      this.settle();
      const pending = this.pendingWrite;
      this.pendingWrite = undefined;
      pending?.();
      // Like a TCP socket whose peer closed: finish our side too, so that autoDestroy emits 'close'.
      if (!this.writableEnded && !this.destroyed) this.end();
    });
    channel.on('error', (error: Error) => this.destroy(error));
  }

  /** The exit status or the remote end is known: end the readable side, or fail if nothing came. */
  private settle(): void {
    if (this.settled || !this.remoteEnded) return;
    if (!this.received && !this.exit && !this.channelClosed) return; // wait for the exit status (it follows EOF)
    this.settled = true;
    const failure = this.received ? undefined : this.failure();
    if (failure) this.destroy(failure);
    else this.push(null);
  }

  private failure(): SshConnectError | undefined {
    const stderr = this.stderr.trim();
    const code = this.exit?.code;
    if (code === 127 || /command not found|docker: not found/i.test(stderr)) {
      return new SshConnectError(
        'dockerNotFound',
        `There is no docker command on ${this.where} (for the SSH login's PATH): install the Docker CLI there, or make it reachable in non-interactive sessions.${stderr ? ` The host said: ${stderr}` : ''}`,
      );
    }
    if (code === 0 && !stderr) return undefined; // an empty but clean exchange: just the end of the stream
    const status = code !== undefined && code !== null ? `exit code ${code}` : this.exit?.signal ? `signal ${this.exit.signal}` : 'no exit status';
    return new SshConnectError(
      'refused',
      `docker system dial-stdio on ${this.where} could not reach its engine (${status})${stderr ? `: ${stderr}` : ''}. Is dockerd running there, and may this user use it?`,
    );
  }

  override _read(): void {
    this.channel.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.channelClosed) return callback();
    this.touch();
    this.pendingWrite = callback;
    // ssh2 never calls back a write the channel could not send before closing: 'close' does then.
    this.channel.write(chunk, () => {
      if (this.pendingWrite !== callback) return;
      this.pendingWrite = undefined;
      callback();
    });
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (!this.channelClosed) this.channel.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.clearTimers();
    this.channel.resume(); // let the channel drain to its 'close', which frees its session slot
    if (!this.channelClosed) {
      try {
        this.channel.close();
      } catch {
        // The connection is already gone.
      }
    }
    callback(error);
  }

  /** net.Socket#setTimeout: emit 'timeout' after `ms` without traffic (0 turns it off). */
  setTimeout(ms: number, listener?: () => void): this {
    this.timeout = ms;
    if (listener) {
      if (ms === 0) this.removeListener('timeout', listener);
      else this.once('timeout', listener);
    }
    this.touch();
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  /** Used by the pool's agent: an idle kept-alive socket is closed after `ms`; emits 'idle'. */
  startFreeTimer(ms: number): void {
    this.stopFreeTimer();
    this.freeTimer = setTimeout(() => this.destroy(), ms);
    this.freeTimer.unref();
    this.emit('idle');
  }

  /** Kept alive by the agent with no request on it: may be closed to make room. */
  get isIdle(): boolean {
    return this.freeTimer !== undefined && !this.destroyed;
  }

  stopFreeTimer(): void {
    if (this.freeTimer) clearTimeout(this.freeTimer);
    this.freeTimer = undefined;
  }

  private touch(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.timeout > 0 && !this.destroyed) {
      this.idleTimer = setTimeout(() => this.emit('timeout'), this.timeout);
      this.idleTimer.unref();
    }
  }

  private clearTimers(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.stopFreeTimer();
  }
}
