/**
 * A container's log, followed, in a pseudo-terminal (colours and long lines render as in
 * `docker logs -f`). The stream comes from the client without request timeouts, since a quiet
 * container is not a dead engine; closing the terminal destroys the stream and its connection.
 */
import type { Readable } from 'node:stream';
import { Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

import * as vscode from 'vscode';

import type { EngineClient } from '../../../core/engine/engineConnections';

/** Like `docker logs --tail`: enough context without replaying years of output. */
const logTailLines = 1000;

export class ContainerLogPty implements vscode.Pseudoterminal {
  private readonly written = new vscode.EventEmitter<string>();
  readonly onDidWrite = this.written.event;
  private stream: Readable | undefined;
  private closed = false;

  constructor(
    private readonly client: EngineClient,
    private readonly container: { ref: string; name: string },
    private readonly describe: (error: unknown) => string,
    private readonly onClosed: () => void,
  ) {}

  open(): void {
    void this.follow();
  }

  /** Called when the terminal closes (by the user, or disposed with the extension); idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stream?.destroy();
    this.written.dispose();
    this.onClosed();
  }

  private async follow(): Promise<void> {
    this.print(`\x1b[2mUp to the last ${logTailLines} lines of ${this.container.name}, then following. Close the terminal to stop.\x1b[0m\n`);
    try {
      // A TTY container's log is raw; any other is multiplexed into stdout/stderr frames.
      const { Config } = await this.client.api.getContainer(this.container.ref).inspect();
      const stream = (await this.client.streaming
        .getContainer(this.container.ref)
        .logs({ follow: true, stdout: true, stderr: true, tail: logTailLines })) as Readable;
      if (this.closed) return void stream.destroy();
      this.stream = stream;
      if (Config.Tty) stream.on('data', this.printer());
      else this.client.streaming.modem.demuxStream(stream, this.writable(), this.writable());
      stream.once('end', () => this.print(`\n\x1b[2mThe log stream ended: ${this.container.name} is no longer running.\x1b[0m\n`));
      stream.once('error', (error) => this.fail(error));
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    if (!this.closed) this.print(`\n\x1b[31m${this.describe(error)}\x1b[0m\n`);
  }

  private print(text: string): void {
    if (!this.closed) this.written.fire(text.replace(/\r?\n/g, '\r\n'));
  }

  /** Decodes UTF-8 across chunk boundaries, one decoder per output stream. */
  private printer(): (chunk: Buffer) => void {
    const decoder = new StringDecoder('utf8');
    return (chunk) => this.print(decoder.write(chunk));
  }

  private writable(): Writable {
    const print = this.printer();
    return new Writable({
      write(chunk: Buffer, _encoding, done) {
        print(chunk);
        done();
      },
    });
  }
}
