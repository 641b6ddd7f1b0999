/**
 * The command an ssh:// endpoint runs on the remote host, built as the docker CLI builds it
 * (cli/connhelper/connhelper.go): `docker system dial-stdio`, or, when the URL has a path other
 * than `/`, `docker --host=unix://PATH system dial-stdio` so that the engine at PATH answers
 * (a rootless engine's socket, say) instead of the login's default one. sshd hands the command to
 * the login shell, so every word is quoted for a POSIX shell; text no POSIX quoting can carry
 * (NUL, control or other non-printable characters) is refused rather than passed on.
 */

export class RemoteCommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemoteCommandError';
  }
}

/** `socketPath`: the URL's path, undefined when it has none (or just `/`); see parseSshUrl. */
export function dialStdioCommand(socketPath: string | undefined): string {
  const words = socketPath !== undefined ? ['docker', `--host=unix://${socketPath}`, 'system', 'dial-stdio'] : ['docker', 'system', 'dial-stdio'];
  return words.map(shellQuote).join(' ');
}

/** One word for a POSIX shell: as is when it holds nothing the shell would interpret, else in single quotes. */
export function shellQuote(word: string): string {
  // What Go's unicode.IsPrint rejects (docker's quoting refuses the same): controls, format and
  // unassigned characters, separators other than the plain space, and U+FFFD (undecodable bytes).
  const unprintable = /(?! )[\p{C}\p{Z}\uFFFD]/u.exec(word);
  if (unprintable) {
    throw new RemoteCommandError(
      `cannot pass ${JSON.stringify(word)} to the remote shell: it holds a character a POSIX shell cannot quote (U+${unprintable[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`,
    );
  }
  if (word !== '' && /^[A-Za-z0-9_@%+,./:-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
