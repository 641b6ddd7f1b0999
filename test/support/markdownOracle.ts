/**
 * How VS Code shows Markdown with theme icons (a hover) and a label with icons, as an oracle for
 * tests: markdown-it (a CommonMark renderer, GFM tables and autolinks on), made to write entities
 * as it found them like marked (which VS Code uses) does, between VS Code's own theme-icon passes,
 * their regular expressions copied from the shipped workbench (code-server 4.139.1:
 * `markdownEscapeEscapedIcons` before Markdown, `renderLabelWithIcons` over its HTML and over
 * plain labels).
 */
interface Token {
  content: string;
  markup: string;
  info: string;
}
interface MarkdownIt {
  render(source: string): string;
  core: { ruler: { disable(rule: string): void } };
  renderer: { rules: Record<string, (tokens: Token[], index: number) => string> };
  utils: { escapeHtml(text: string): string };
}
const MarkdownItConstructor = require('markdown-it') as new (options: object) => MarkdownIt;
const markdown = new MarkdownItConstructor({ html: true, linkify: true });
// marked, which VS Code renders hovers with, writes an entity into its HTML as it was written; markdown-it decodes it. Do as marked.
markdown.core.ruler.disable('text_join');
markdown.renderer.rules.text_special = (tokens, index) =>
  tokens[index].info === 'entity' ? tokens[index].markup : markdown.utils.escapeHtml(tokens[index].content);

/** VS Code: ThemeIcon.iconNameExpression and iconModifierExpression. */
const icon = String.raw`\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)`;
/** markdownEscapeEscapedIcons: an escaped icon gets one more backslash, for Markdown to eat. */
const escapeEscapedIcons = (text: string) => text.replace(new RegExp(String.raw`\\${icon}`, 'g'), (match) => `\\${match}`);
/** renderLabelWithIcons: `\$(x)` is text `$(x)`, `$(x)` an icon (left out of the text, its name listed). */
export function renderIcons(text: string): { text: string; icons: string[] } {
  const icons: string[] = [];
  const rendered = text.replace(new RegExp(String.raw`(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)`, 'g'), (_match, escaped: string | undefined, name: string) => {
    if (escaped) return `$(${name})`;
    icons.push(name);
    return '';
  });
  return { text: rendered, icons };
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', nbsp: ' ' };
/** The text a browser shows for an HTML fragment without tags (entities decoded, no-break spaces as spaces), trimmed as Markdown trims. */
export const decode = (html: string) =>
  html
    .replace(/&(?:#(\d+)|(\w+));/g, (entity, code: string | undefined, name: string | undefined) =>
      code ? String.fromCodePoint(Number(code)) : (entities[name!] ?? entity),
    )
    .replace(/\u00a0/g, ' ')
    .trim();

/** A hover as VS Code renders it: Markdown with theme icons. */
export function renderHover(value: string): { html: string; icons: string[] } {
  const { text, icons } = renderIcons(markdown.render(escapeEscapedIcons(value)));
  return { html: text, icons };
}

/** The text a hover shows (tags dropped, entities decoded), icons left out. */
export function hoverText(value: string): string {
  return decode(renderHover(value).html.replace(/<[^>]*>/g, ' '));
}
