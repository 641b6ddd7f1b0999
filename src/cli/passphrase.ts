/**
 * A passphrase for a key the CLI writes (`certs create --ca-passphrase-file F`, or `--ca-passphrase`
 * to be asked on the terminal, twice, without echo), as Docker's guide has openssl ask for the CA
 * key's. The file's first line is taken, as openssl's `-passout file:F` does.
 */
import { readPemFile } from '../core/certificates/pemFiles';
import { UsageError } from './parseOptions';

/** openssl refuses to encrypt with fewer characters. */
export const newPassphraseLength = 4;

/** The first line of `file`; for a key to be encrypted (`minimum`), at least as long as openssl demands. */
export async function passphraseFromFile(file: string, minimum = 1): Promise<string> {
  const [firstLine] = (await readPemFile(file)).split(/\r?\n/);
  return checked(firstLine, `the first line of ${file}`, minimum);
}

/** A new passphrase, typed twice. */
export async function passphraseFromTerminal(
  what: string,
  input: NodeJS.ReadStream = process.stdin,
  echo: NodeJS.WriteStream = process.stderr,
): Promise<string> {
  if (!input.isTTY) throw new UsageError(`asking for ${what} needs a terminal: give it with a file instead`);
  const first = await readHidden(`Passphrase for ${what}: `, input, echo);
  const again = await readHidden(`Again: `, input, echo);
  if (first !== again) throw new UsageError('the two passphrases differ');
  return checked(first, 'the passphrase', newPassphraseLength);
}

function checked(passphrase: string, what: string, minimum: number): string {
  if (passphrase.length < minimum) throw new UsageError(`${what} is shorter than ${minimum} character${minimum === 1 ? '' : 's'}`);
  return passphrase;
}

/** One line typed in raw mode, echoed as nothing; Ctrl-C or Ctrl-D gives up. */
function readHidden(prompt: string, input: NodeJS.ReadStream, echo: NodeJS.WriteStream): Promise<string> {
  echo.write(prompt);
  input.setRawMode(true);
  input.resume();
  let typed = '';
  return new Promise<string>((resolve, reject) => {
    const done = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      echo.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003' || char === '\u0004') return done(new Error('no passphrase given'));
        typed = char === '\u007f' || char === '\b' ? typed.slice(0, -1) : typed + char;
      }
    };
    input.on('data', onData);
  });
}
