/**
 * Questions on the controlling terminal itself (/dev/tty; CONIN$/CONOUT$ on Windows), not on
 * stdin/stderr: `docker load < image.tar` or `… | docker exec -i db psql` still get their
 * question, and the answer is never taken from the piped data. The terminal is opened anew, so
 * docker's stdio (inherited untouched) is never read from or switched to non-blocking.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { ReadStream } from 'node:tty';

export interface TerminalPrompt {
  say(text: string): void;
  /** Writes `question` and reads one line; undefined at end of input (Ctrl-D). */
  ask(question: string): Promise<string | undefined>;
  /** Closes the terminal, abandoning a question still waiting for its answer. */
  close(): void;
}

/** The controlling terminal, or undefined when there is none (CI, a service, a detached process). */
export function openTerminal(): TerminalPrompt | undefined {
  const [inputPath, outputPath] = process.platform === 'win32' ? ['CONIN$', 'CONOUT$'] : ['/dev/tty', '/dev/tty'];
  let output: number;
  try {
    output = openSync(outputPath, 'w');
  } catch {
    return undefined;
  }
  let reading: ReadStream | undefined;
  const say = (text: string) => {
    writeSync(output, text);
  };
  return {
    say,
    ask(question) {
      say(question);
      const input = new ReadStream(openSync(inputPath, 'r'));
      reading = input;
      return new Promise((resolve) => {
        let line = '';
        const finish = (answer: string | undefined) => {
          input.destroy();
          resolve(answer);
        };
        input.setEncoding('utf8');
        input.on('data', (chunk: string) => {
          line += chunk;
          const end = line.indexOf('\n');
          if (end >= 0) finish(line.slice(0, end).replace(/\r$/, ''));
        });
        input.on('end', () => finish(line === '' ? undefined : line));
        input.on('error', () => finish(undefined));
      });
    },
    close() {
      reading?.destroy();
      closeSync(output);
    },
  };
}
