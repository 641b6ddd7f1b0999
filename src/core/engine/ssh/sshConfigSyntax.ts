/**
 * The lexical side of ssh_config(5), apart from what the keywords mean: one directive per line,
 * the keyword separated from its arguments by whitespace or `=`, arguments split on whitespace
 * with "double" or 'single' quotes grouping and backslash escaping, and `#` starting a comment
 * (a whole line, or from an unquoted argument onwards as OpenSSH 8.x+ reads it).
 */

export interface SshConfigDirective {
  /** Lower-cased: keywords are case-insensitive. */
  keyword: string;
  args: string[];
  /** The text after the keyword, untouched (ProxyCommand is a shell command line, quotes and all). */
  raw: string;
  /** 1-based. */
  line: number;
  /** A quote was left open (ssh refuses the file; `args` is then empty). */
  invalidQuotes?: true;
}

export function parseSshConfig(text: string): SshConfigDirective[] {
  const directives: SshConfigDirective[] = [];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const match = /^\s*([A-Za-z][A-Za-z0-9]*)(?:\s*=\s*|\s+|$)(.*)$/.exec(lines[index]);
    if (!match) continue; // blank, comment, or not a directive: OpenSSH would refuse the file, we skip the line
    const args = splitArguments(match[2]);
    const directive: SshConfigDirective = { keyword: match[1].toLowerCase(), args: args ?? [], raw: match[2].trim(), line: index + 1 };
    if (args === undefined) directive.invalidQuotes = true;
    directives.push(directive);
  }
  return directives;
}

/** Splits an argument string; undefined when a quote is left open. */
export function splitArguments(text: string): string[] | undefined {
  const args: string[] = [];
  let current = '';
  let inArgument = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === '\\' && (text[i + 1] === quote || text[i + 1] === '\\')) current += text[++i];
      else current += char;
      continue;
    }
    if (/\s/.test(char)) {
      if (inArgument) args.push(current);
      current = '';
      inArgument = false;
      continue;
    }
    if (char === '#' && !inArgument) break;
    inArgument = true;
    if (char === '"' || char === "'") quote = char;
    else if (char === '\\' && i + 1 < text.length && /["'\\\s]/.test(text[i + 1])) current += text[++i];
    else current += char;
  }
  if (quote) return undefined;
  if (inArgument) args.push(current);
  return args;
}
