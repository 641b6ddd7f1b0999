/**
 * Foreign text (a context's name, description or endpoint, an engine's answer, a container's
 * name) shown in a terminal, a table or a log must be seen, not obeyed: an ESC or CSI starts an
 * escape sequence that can rewrite the line a person is about to answer, a CR returns to its
 * start, a bidi override reorders it, a zero-width space makes `pro\u200bd` look like `prod`.
 * Every such character is written out as `\uXXXX` (or `\xXX`): C0 and C1 controls, DEL, line
 * and paragraph separators, bidi controls, zero-width characters and the byte-order mark.
 */

/** The characters made visible. */
// eslint-disable-next-line no-control-regex -- finding control characters is this module's job
const invisible = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
/** The same less C0, which JSON.stringify already escapes inside strings (and uses as layout outside them). */
const rawInJson = /[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

const escape = (character: string) => {
  const code = character.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** `text` with every control, bidi and invisible character written out. */
export function visible(text: string): string {
  return text.replace(invisible, escape);
}

/**
 * JSON.stringify, with the characters above escaped as JSON `\uXXXX` too (JSON.stringify leaves
 * C1 controls, bidi controls and U+2028/2029 raw): still valid JSON, safe to print or to log.
 */
export function terminalSafeJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(rawInJson, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
