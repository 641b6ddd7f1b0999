/** The CLI's passphrase for a new CA key: typed twice on a terminal without echo, or the first line of a file. */
import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';

import { newPassphraseLength, passphraseFromFile, passphraseFromTerminal } from '../../../src/cli/passphrase';
import { useTempDirs } from '../../support/tempDir';

/** A terminal that types `keys` once both prompts are up, and records what is echoed. */
function terminal(keys: string[]) {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input }) as unknown as NodeJS.ReadStream;
  let echoed = '';
  const echo = { write: (text: string) => ((echoed += text), true) } as unknown as NodeJS.WriteStream;
  const typeNext = () => setImmediate(() => keys.length > 0 && (input as unknown as PassThrough).write(keys.shift()));
  (input as unknown as PassThrough).on('resume', typeNext);
  return { input, echo, echoed: () => echoed };
}

describe('CLI: passphrases for a new key', () => {
  const tempDir = useTempDirs('passphrase');

  it('asks twice on a terminal, echoes nothing typed, and honours backspace', async () => {
    const tty = terminal(['s3cr\u007fret\r', 's3cret\r']);
    assert.equal(await passphraseFromTerminal('ca-key.pem', tty.input, tty.echo), 's3cret');
    assert.equal(tty.echoed(), 'Passphrase for ca-key.pem: \nAgain: \n');
  });

  it('refuses two different answers, one too short, and a stdin that is no terminal', async () => {
    await assert.rejects(passphraseFromTerminal('k', terminal(['one1\r', 'two2\r']).input, terminal([]).echo), /the two passphrases differ/);
    await assert.rejects(
      passphraseFromTerminal('k', terminal(['abc\r', 'abc\r']).input, terminal([]).echo),
      new RegExp(`shorter than ${newPassphraseLength} characters`),
    );
    const pipe = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.ReadStream;
    await assert.rejects(passphraseFromTerminal('k', pipe, terminal([]).echo), /needs a terminal/);
  });

  it('takes the first line of a file', async () => {
    const file = path.join(await tempDir(), 'p');
    await writeFile(file, 'first line\r\nsecond\n');
    assert.equal(await passphraseFromFile(file, newPassphraseLength), 'first line');
    await writeFile(file, '\nsecond\n');
    await assert.rejects(passphraseFromFile(file), /shorter than 1 character$/);
  });
});
