/**
 * No "?." on screen: every string the extension's UI (src/ui) writes is read from its source
 * with the TypeScript parser. A literal never holds doubled punctuation, and a text we did not
 * write (an error, a problem, a message: it may end with its own "." or "?") is never followed
 * by punctuation of ours; asSentence ends such a sentence.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

import * as ts from 'typescript';

import { asSentence } from '../../../src/core/text/sentence';
import { repoRoot } from '../../support/repoPaths';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : [],
  );
}

const foreignName = /error|message|problem|reason|stderr|asSentence/i;

/** Whether what `expression` yields may end with punctuation of its own: a text we did not write, or a literal that ends so. */
function mayEndPunctuated(expression: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(expression)) return mayEndPunctuated(expression.expression);
  if (ts.isConditionalExpression(expression)) return mayEndPunctuated(expression.whenTrue) || mayEndPunctuated(expression.whenFalse);
  if (ts.isBinaryExpression(expression)) return mayEndPunctuated(expression.left) || mayEndPunctuated(expression.right);
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return /[?!:;,.]$/.test(expression.text);
  if (ts.isTemplateExpression(expression)) {
    const last = expression.templateSpans[expression.templateSpans.length - 1];
    return last.literal.text === '' ? mayEndPunctuated(last.expression) : /[?!:;,.]$/.test(last.literal.text);
  }
  if (ts.isCallExpression(expression)) return foreignName.test(expression.expression.getText());
  if (ts.isIdentifier(expression) || ts.isPropertyAccessExpression(expression)) return foreignName.test(expression.getText());
  return false;
}

interface Finding {
  where: string;
  text: string;
}

/** Literals with doubled punctuation (an ellipsis, a URL scheme and a parent folder are not), and foreign text followed by punctuation. */
function glitches(file: string): Finding[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Finding[] = [];
  const where = (node: ts.Node) => `${path.relative(repoRoot, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const check = (node: ts.Node, text: string) => {
    if (/[?!:;,.] ?[?!:;,.]/.test(text.replace(/\.\.\.|:\/\/|\.\.\//g, ''))) found.push({ where: where(node), text });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) check(node, node.text);
    if (ts.isTemplateExpression(node)) {
      check(node.head, node.head.text);
      for (const span of node.templateSpans) {
        check(span.literal, span.literal.text);
        if (/^[?!:;,.]/.test(span.literal.text) && mayEndPunctuated(span.expression))
          found.push({ where: where(span), text: `\${${span.expression.getText()}}${span.literal.text}` });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('ui: user-facing text', function () {
  this.timeout(30_000);

  it('has no doubled punctuation in src/ui, and foreign text ends its own sentence', () => {
    const found = sourceFiles(path.join(repoRoot, 'src', 'ui')).flatMap(glitches);
    assert.deepEqual(found, []);
  });

  it('asSentence adds a period only where the text has no ending of its own', () => {
    assert.deepEqual(['Is dockerd running?', 'refused.', 'refused', 'Stop!', 'waiting…', 'trailing  '].map(asSentence), [
      'Is dockerd running?',
      'refused.',
      'refused.',
      'Stop!',
      'waiting…',
      'trailing.',
    ]);
  });
});
