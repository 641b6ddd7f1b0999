/**
 * The dial-stdio socket at the stream level, with a stand-in for ssh2's channel, so that every
 * order in which EOF, exit status and close can arrive is covered (the real sshd always sends
 * them in one order), and the socket behaves as Node's HTTP client expects of a socket.
 */
import { strict as assert } from 'node:assert';
import { once } from 'node:events';
import { Duplex, PassThrough } from 'node:stream';

import type { ClientChannel } from 'ssh2';

import { DialStdioSocket } from '../../../src/core/engine/ssh/dialStdioSocket';
import { SshConnectError } from '../../../src/core/engine/ssh/sshErrors';

class FakeChannel extends Duplex {
  readonly stderr = new PassThrough();
  readonly written: Buffer[] = [];
  closed = false;

  _read(): void {}

  _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.written.push(chunk);
    callback();
  }

  close(): void {
    this.closed = true;
  }

  /** What ssh2 does on EOF, exit-status and CHANNEL_CLOSE. */
  eof(): void {
    this.push(null);
  }

  exitWith(code: number): void {
    this.emit('exit', code);
  }

  closeChannel(): void {
    this.emit('close');
  }
}

function socketOn(channel: FakeChannel): DialStdioSocket {
  return new DialStdioSocket(channel as unknown as ClientChannel, 'root@example:22');
}

async function errorOf(socket: DialStdioSocket): Promise<Error> {
  socket.resume();
  const [error] = (await once(socket, 'error')) as [Error];
  return error;
}

describe('dial-stdio socket', () => {
  it('passes bytes both ways and ends normally after a response', async () => {
    const channel = new FakeChannel();
    const socket = socketOn(channel);
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.write('GET /_ping HTTP/1.1\r\n\r\n');
    channel.push('HTTP/1.1 200 OK\r\n\r\nOK');
    channel.eof();
    channel.exitWith(0);
    channel.closeChannel();
    await once(socket, 'close');
    assert.equal(Buffer.concat(received).toString(), 'HTTP/1.1 200 OK\r\n\r\nOK');
    assert.equal(Buffer.concat(channel.written).toString(), 'GET /_ping HTTP/1.1\r\n\r\n');
  });

  for (const order of ['eof, exit, close', 'exit, eof, close', 'eof, close (no exit status)'] as const) {
    it(`turns exit 127 with nothing sent into dockerNotFound (${order})`, async () => {
      const channel = new FakeChannel();
      const socket = socketOn(channel);
      const failed = errorOf(socket);
      channel.stderr.write('bash: line 1: docker: command not found\n');
      await new Promise((resolve) => setImmediate(resolve));
      if (order === 'exit, eof, close') channel.exitWith(127);
      channel.eof();
      if (order === 'eof, exit, close') channel.exitWith(127);
      channel.closeChannel();
      const error = await failed;
      assert.ok(SshConnectError.is(error, 'dockerNotFound'), String(error));
      assert.match(error.message, /command not found/);
    });
  }

  it("reports dial-stdio's complaint when it exits non-zero before answering", async () => {
    const channel = new FakeChannel();
    const socket = socketOn(channel);
    const failed = errorOf(socket);
    channel.stderr.write('Cannot connect to the Docker daemon at unix:///var/run/docker.sock\n');
    await new Promise((resolve) => setImmediate(resolve));
    channel.exitWith(1);
    channel.eof();
    const error = await failed;
    assert.ok(SshConnectError.is(error, 'refused'), String(error));
    assert.match(error.message, /\(exit code 1\): Cannot connect to the Docker daemon/);
  });

  it('behaves like a socket for the HTTP client: setTimeout emits timeout, destroy closes the channel', async () => {
    const channel = new FakeChannel();
    const socket = socketOn(channel);
    assert.equal(socket.setNoDelay(), socket);
    assert.equal(socket.setKeepAlive(), socket);
    assert.equal(socket.ref().unref(), socket);
    const started = Date.now();
    socket.setTimeout(50);
    await once(socket, 'timeout');
    assert.ok(Date.now() - started >= 45);
    socket.setTimeout(0);
    socket.destroy();
    await once(socket, 'close');
    assert.equal(channel.closed, true);
  });

  it('closes a kept-alive idle socket after its free time, and reports idleness', async () => {
    const channel = new FakeChannel();
    const socket = socketOn(channel);
    assert.equal(socket.isIdle, false);
    socket.startFreeTimer(30);
    assert.equal(socket.isIdle, true);
    await once(socket, 'close');
    assert.equal(channel.closed, true);
  });
});
