/**
 * Go's `%q` (strconv.Quote), which the Docker CLI uses to quote names in its messages: so a
 * refusal we word for docker's rules reads exactly as docker's own, odd names included.
 */

const shortEscapes: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

/** Not printable for Go's unicode.IsPrint: controls, format, unassigned, private use, and separators other than the ASCII space. */
const unprintable = /^[\p{C}\p{Z}]$/u;

export function goQuote(text: string): string {
  let quoted = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (shortEscapes[char]) quoted += shortEscapes[char];
    else if (char === ' ' || !unprintable.test(char)) quoted += char;
    else if (code < 0x20 || code === 0x7f) quoted += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code < 0x10000) quoted += `\\u${code.toString(16).padStart(4, '0')}`;
    else quoted += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${quoted}"`;
}
