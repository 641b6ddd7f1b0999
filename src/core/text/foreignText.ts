/**
 * Text that did not come from us — a context's name, description or endpoint from a store
 * anyone can write, an engine's `/version` answer, a certificate's subject, an error an engine
 * worded — shown without letting it format itself. Each surface has its own syntax to defuse:
 * Markdown in tooltips (headings, tables, links, HTML), `$(icon)` in every label VS Code renders
 * codicons in (quick picks, the status bar, tooltips made with theme icons), links in
 * notifications. Everywhere, characters that move the cursor, rewrite the line or reorder what
 * follows (C0/C1 controls such as ESC and CR, line and paragraph separators, bidi overrides and
 * isolates, zero-width characters) are shown as `\u001b`-style escapes instead.
 */

/** Controls (C0, DEL, C1), format characters (bidi embeddings, overrides, isolates and marks, zero-width characters, the BOM, tag characters), line and paragraph separators. */
const invisibleCharacters = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u{e0000}-\u{e007f}]/gu;

/** The same less C0 controls, which JSON.stringify escapes inside strings itself (and uses as layout outside them). */
const rawInJson = /[\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}\u{e0000}-\u{e007f}]/gu;

/**
 * JSON.stringify, with what it leaves raw (C1 controls, bidi and zero-width characters, U+2028
 * and U+2029) escaped as JSON `\uXXXX` too: still valid JSON, the same value, safe to print on a
 * terminal or append to a log.
 */
export function terminalSafeJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(rawInJson, (character) =>
    Array.from({ length: character.length }, (_unused, index) => `\\u${character.charCodeAt(index).toString(16).padStart(4, '0')}`).join(''),
  );
}

/** Every invisible or line-breaking character as a visible `\u001b` (or `\u{e0041}` beyond the BMP). */
export function showControls(text: string): string {
  return text.replace(invisibleCharacters, (character) => {
    const code = character.codePointAt(0)!;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** VS Code's `$(name)` and `$(name~modifier)` (ThemeIcon.iconNameExpression, iconModifierExpression). */
const iconSyntax = /\$\(([A-Za-z0-9-]+)(?:~([A-Za-z]+))?\)/g;

/**
 * For a label that renders `$(icon)` (QuickPickItem label/description/detail, status bar text):
 * each `$(name)` is preceded by a backslash, which VS Code's label renderer takes as "not an icon".
 */
export function labelText(text: string): string {
  return showControls(text).replace(iconSyntax, '\\$&');
}

/**
 * For a MarkdownString, inline (a table cell, a line): every ASCII punctuation character
 * backslash-escaped (CommonMark allows it for all of them), so no heading, list, table cell,
 * emphasis, code, link, autolink, entity or HTML can start in it.
 *
 * What looks like an icon is written so that VS Code's theme-icon pass (which runs over the
 * HTML Markdown made) keeps it as text: `\$(name)`, which it reads as an escaped icon; with a
 * modifier, `\$(name&#126;modifier)`, whose entity only the browser turns back into `~` (an
 * escaped `\~` would come out of Markdown as `~`, and the icon with it).
 */
export function markdownText(text: string): string {
  const shown = showControls(text);
  let escaped = '';
  let last = 0;
  for (const match of shown.matchAll(iconSyntax)) {
    escaped += escapePunctuation(shown.slice(last, match.index)) + `\\$(${match[1]}${match[2] ? `&#126;${match[2]}` : ''})`;
    last = match.index + match[0].length;
  }
  escaped += escapePunctuation(shown.slice(last));
  // Leading spaces would make an indented code block of a paragraph.
  return escaped.replace(/^ +/, (spaces) => '&nbsp;'.repeat(spaces.length));
}

function escapePunctuation(text: string): string {
  return text.replace(/[\u0021-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u007e]/g, '\\$&');
}

/**
 * For a notification (showInformationMessage…), which turns `[text](https:|command:|file:…)`
 * into a link: the bracket and parenthesis of every such pair are kept apart.
 */
export function messageText(text: string): string {
  return showControls(text).replace(/\]\(/g, '] (');
}
