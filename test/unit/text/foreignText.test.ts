/**
 * Foreign text through the renderers it meets, over a corpus of hostile strings and random ones
 * made of every character Markdown, icons and terminals care about, rendered as VS Code renders
 * them (../../support/markdownOracle.ts). What must come out: the text itself, visibly, and
 * nothing else.
 */
import * as assert from 'node:assert/strict';

import { labelText, markdownText, messageText, showControls } from '../../../src/core/text/foreignText';
import { decode, renderHover, renderIcons } from '../../support/markdownOracle';

const hostile = [
  '# Production OK\n\n$(pass) Engine healthy',
  '28.0.1 |\n| Tier | $(home) local |',
  '[click](command:workbench.action.terminal.sendSequence) and https://evil.example/x www.evil.example a@b.example',
  '<img src=x onerror=alert(1)><b>bold</b> &lt;not a tag&gt; &#36;(flame)',
  '**bold** _em_ `code` ~~gone~~ > quote\n- item\n1. one\n---\n===',
  '\\$(flame) \\\\$(flame) $$(flame) $(sync~spin) $(x)$(y)',
  'ESC\u001b[31mred\u001b[0m CR\rover LF\nnext NUL\u0000 DEL\u007f C1\u009b6n',
  'bidi \u202eevil\u202c \u2066iso\u2069 \u200bzw\u200f sep\u2028line\u2029para \ufeffbom \u061c',
  '    indented code',
  '| a | b |\n|---|---|\n| c | d |',
  '![img](https://evil.example/i.png) [ref]: https://evil.example',
  '\\',
  '',
];

/** Deterministic random strings over an alphabet of everything that matters. */
function randomCorpus(count: number): string[] {
  const alphabet = [
    '$',
    '(',
    ')',
    '\\',
    '[',
    ']',
    '*',
    '_',
    '`',
    '~',
    '#',
    '|',
    '<',
    '>',
    '&',
    ';',
    ':',
    '/',
    '.',
    '!',
    '-',
    '+',
    '=',
    '"',
    "'",
    '{',
    '}',
    '@',
    'a',
    'Z',
    '0',
    ' ',
    '\n',
    '\r',
    '\u001b',
    '\u202e',
    'flame',
    'https://',
    'www.',
    'x.example',
    '&amp;',
    '&#36;',
  ];
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + Math.floor(next() * 24) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''),
  );
}

const corpus = [...hostile, ...randomCorpus(3000)];

describe('foreign text', () => {
  it('shows every control, separator, bidi, zero-width and tag character as an escape, and leaves every letter, mark, number, punctuation, symbol and space alone', () => {
    // The characters the attack needs, by the standard's names for their ranges (C0, DEL, C1, LRE…RLO, LRI…PDI, ZWSP…RLM, LS, PS, BOM, tags).
    const mustShow = [
      [0x00, 0x1f],
      [0x7f, 0x9f],
      [0x202a, 0x202e],
      [0x2066, 0x2069],
      [0x200b, 0x200f],
      [0x2028, 0x2029],
      [0xfeff, 0xfeff],
      [0xe0000, 0xe007f],
    ];
    const visible = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]$/u;
    for (let code = 0; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const character = String.fromCodePoint(code);
      const shown = showControls(character);
      const hex = code.toString(16);
      if (mustShow.some(([from, to]) => code >= from && code <= to))
        assert.ok(shown === `\\u${hex.padStart(4, '0')}` || shown === `\\u{${hex}}`, `U+${hex} shown as ${JSON.stringify(shown)}`);
      if (visible.test(character)) assert.equal(shown, character, `U+${hex}`);
    }
    assert.equal(showControls('a\u001b[31mb\r\n\u{e0041}'), 'a\\u001b[31mb\\u000d\\u000a\\u{e0041}');
  });

  it('Markdown: a paragraph of foreign text renders as exactly that text, with no element and no icon', () => {
    for (const text of corpus) {
      const { html, icons } = renderHover(markdownText(text));
      assert.deepEqual(icons, [], JSON.stringify(text));
      const inner = html.trim() === '' ? '' : html.trim().replace(/^<p>([\s\S]*)<\/p>$/, '$1');
      assert.ok(!/[<>]/.test(inner), `${JSON.stringify(text)} gave ${html}`);
      assert.equal(decode(inner), showControls(text).trim(), JSON.stringify(text));
    }
  });

  it('Markdown: foreign text in a table cell stays in its cell and row', () => {
    for (const text of corpus) {
      const { html, icons } = renderHover(`| | |\n|---|---|\n| Engine | ${markdownText(text)} |\n| Tier | local |\n`);
      assert.deepEqual(icons, [], JSON.stringify(text));
      const cells = [...html.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((match) => match[1]);
      assert.equal(cells.length, 4, `${JSON.stringify(text)} gave ${html}`);
      assert.equal(decode(cells[1]), showControls(text).trim(), JSON.stringify(text));
      assert.deepEqual(cells.slice(2), ['Tier', 'local']);
      assert.ok(!/<(?!\/?(table|thead|tbody|tr|th|td)\b)/.test(html), `${JSON.stringify(text)} gave ${html}`);
    }
  });

  it('labels with icons (quick picks, status bar): foreign text shows as itself and adds no icon', () => {
    for (const text of corpus) {
      const { text: shown, icons } = renderIcons(labelText(text));
      assert.deepEqual(icons, [], JSON.stringify(text));
      assert.equal(shown, showControls(text));
    }
  });

  it('notifications: no [text](target) pair survives', () => {
    for (const text of corpus) assert.doesNotMatch(messageText(text), /\]\(/);
    assert.equal(messageText('[x](command:a)'), '[x] (command:a)');
  });
});
