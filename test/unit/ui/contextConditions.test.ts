/**
 * The tree's context menus (package.json, literal `when` clauses VS Code reads) and the palette's
 * "which context?" pickers (the condition each command names in its source) offer every command on
 * the same contexts: the table in contextConditions.ts. The menus are evaluated against the
 * contextValue the table builds for every combination of what a listed context can be, and against
 * the contextValues of the other rows of the tree, those an engine names included.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

import * as ts from 'typescript';

import { brokenContext } from '../../../src/core/contexts/dockerContext';
import type { Transport } from '../../../src/core/contexts/endpoint';
import { tiers } from '../../../src/core/contexts/tiers';
import { type ContextCondition, contextConditions, type ContextFacts, contextValueOf } from '../../../src/ui/views/contextConditions';
import { listedContext } from '../../support/listedContext';
import { repoRoot } from '../../support/repoPaths';
import { evaluateWhen } from '../../support/whenClause';

interface MenuEntry {
  command: string;
  when?: string;
}

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { contributes: { menus: Record<string, MenuEntry[]> } };
const itemMenus = manifest.contributes.menus['view/item/context'];
const view = 'dockerContextGuard.contexts';
const conditionNames = Object.keys(contextConditions) as ContextCondition[];

/** Every combination of tier × transport × keys × TLS files × SkipTLSVerify × current × error, as stored, default or missing. */
function corpus(): ContextFacts[] {
  const contexts: ContextFacts[] = [];
  const transports: (Transport | null)[] = ['unix', 'npipe', 'ssh', 'tls', 'tcp', null];
  const fileSets = [
    { ca: false, cert: false, key: false },
    { ca: true, cert: true, key: true },
    { ca: false, cert: true, key: true },
    { ca: true, cert: false, key: false },
  ];
  for (const tier of tiers)
    for (const transport of transports)
      for (const keysInSecretStorage of [false, true])
        for (const tls of fileSets)
          for (const skipTLSVerify of [false, true])
            for (const current of [false, true])
              for (const error of [null, 'docker cannot use it'])
                for (const kind of ['stored', 'default', 'noEndpoint'] as const) {
                  const host = kind === 'noEndpoint' || transport === null ? '' : `${transport}://127.0.0.1:2376`;
                  const listed = listedContext({
                    name: 'c',
                    host,
                    transport,
                    tier,
                    keysInSecretStorage,
                    tls,
                    skipTLSVerify,
                    current,
                    error,
                    isDefault: kind === 'default',
                  });
                  // Whether SecretStorage holds the CA key is the certificate status's fact, not the list's.
                  for (const caKeyHeld of transport === 'tls' ? [false, true] : [false]) contexts.push({ ...listed, caKeyHeld });
                }
  // A current context that does not exist is listed as the store gives it.
  for (const tier of tiers)
    contexts.push({ ...brokenContext('gone', 'context "gone" does not exist'), current: true, missing: true, tier, tierSource: 'name' });
  return contexts;
}
const contexts = corpus();

/** Other rows' contextValues: engine groups, messages, the Access node and its certificates, and objects whose flags an engine names (a container's State is any string). */
const otherRows = [
  'message',
  ...['enforced', 'open'].map((state) => `accessGroup ${state}`),
  ...['valid', 'revoked', 'expired'].map((state) => `accessCertificate ${state}`),
  ...['containers', 'images', 'volumes', 'networks'].map((group) => `engineGroup ${group}`),
  ...['container', 'image', 'volume', 'network'].flatMap((kind) => [
    `engineObject ${kind}`,
    ...['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead', 'dangling', 'builtin'].map((flag) => `engineObject ${kind} ${flag}`),
    ...conditionNames.map((word) => `engineObject ${kind} ${word}`),
    `engineObject ${kind} context ${conditionNames.join(' ')}`,
  ]),
];

const shownOn = (entry: MenuEntry, viewItem: string) => evaluateWhen(entry.when ?? 'true', { view, viewItem });
const isContextMenu = (entry: MenuEntry) => contexts.some((context) => shownOn(entry, contextValueOf(context)));
const contextMenuWhen = /^view == dockerContextGuard\.contexts && viewItem =~ \/\^context\\b\.\*\\b(\w+)\\b\/$/;

/** The condition a context menu entry names. */
function menuCondition(entry: MenuEntry): string {
  const word = contextMenuWhen.exec(entry.when ?? '')?.[1];
  assert.ok(word, `${entry.command}: a context menu reads "view == ${view} && viewItem =~ /^context\\b.*\\bCONDITION\\b/", not: ${entry.when}`);
  return word;
}

const commandsDir = path.join(repoRoot, 'src', 'ui', 'commands');
const parse = (file: string) => ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);

function calls(node: ts.Node, found: ts.CallExpression[] = []): ts.CallExpression[] {
  if (ts.isCallExpression(node)) found.push(node);
  node.forEachChild((child) => void calls(child, found));
  return found;
}

/** The conditions a source file's pickers name: contextArgument's 4th argument, pickContext's `condition`, caKeyArgument's `caKey`; anything but a string literal fails. */
function pickerConditions(file: string): string[] {
  const named: string[] = [];
  for (const call of calls(parse(file))) {
    const callee = call.expression.getText();
    // caKeyArgument.ts picks among the contexts whose CA key is held, and says so to contextArgument itself.
    if (callee === 'caKeyArgument') {
      named.push('caKey');
      continue;
    }
    const argument =
      callee === 'contextArgument'
        ? call.arguments[3]
        : callee === 'pickContext'
          ? call.arguments
              .find(ts.isObjectLiteralExpression)
              ?.properties?.find((property): property is ts.PropertyAssignment => ts.isPropertyAssignment(property) && property.name.getText() === 'condition')
              ?.initializer
          : undefined;
    if (callee !== 'contextArgument' && callee !== 'pickContext') continue;
    assert.ok(
      argument && ts.isStringLiteral(argument),
      `${path.relative(repoRoot, file)}: ${callee}(…) names its condition as a string literal: ${call.getText()}`,
    );
    named.push(argument.text);
  }
  return named;
}

/** Command id → the conditions its handler's file names (registerCommands.ts: `'id': handler`, handler imported from './file'). */
function paletteConditions(): Map<string, string[]> {
  const table = parse(path.join(commandsDir, 'registerCommands.ts'));
  const fileOf = new Map<string, string>();
  for (const statement of table.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || !statement.moduleSpecifier.text.startsWith('./')) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings))
      for (const element of bindings.elements) fileOf.set(element.name.text, path.join(commandsDir, `${statement.moduleSpecifier.text}.ts`));
  }
  const byCommand = new Map<string, string[]>();
  const visit = (node: ts.Node) => {
    if (
      ts.isPropertyAssignment(node) &&
      ts.isStringLiteral(node.name) &&
      node.name.text.startsWith('dockerContextGuard.') &&
      ts.isIdentifier(node.initializer)
    ) {
      const file = fileOf.get(node.initializer.text);
      assert.ok(file, `registerCommands.ts: ${node.initializer.text} is imported from a file of commands/`);
      byCommand.set(node.name.text, pickerConditions(file));
    }
    node.forEachChild(visit);
  };
  visit(table);
  return byCommand;
}

describe('context conditions: the tree menus and the palette pickers agree', () => {
  const contextMenus = itemMenus.filter(isContextMenu);
  const palette = paletteConditions();

  it('the corpus and the menus are what the test assumes', () => {
    // Tiers × transports (tls twice: with and without the CA key) × keys × TLS files × SkipTLSVerify × current × error × kind, and the missing ones.
    assert.equal(contexts.length, 4 * (6 + 1) * 2 * 4 * 2 * 2 * 2 * 3 + 4);
    assert.ok(contextMenus.length >= 10, `context menus found: ${contextMenus.length}`);
    assert.ok(palette.size >= 20, `commands found in registerCommands.ts: ${palette.size}`);
    // Every condition holds for some context and fails for another: none is constant over the corpus.
    for (const name of conditionNames) assert.ok(contexts.some(contextConditions[name]) && !contexts.every(contextConditions[name]), name);
  });

  it('every context menu names one condition of the table, whose word is in the contextValue exactly when it holds', () => {
    for (const entry of contextMenus) {
      const condition = menuCondition(entry);
      assert.ok(condition in contextConditions, `${entry.command}: "${condition}" is not a condition of contextConditions.ts`);
      for (const context of contexts) {
        assert.equal(
          shownOn(entry, contextValueOf(context)),
          contextConditions[condition as ContextCondition](context),
          `${entry.command} on ${JSON.stringify(context)}`,
        );
      }
    }
  });

  it('no context menu shows on another row, even one whose words an engine chose; no other menu shows on a context', () => {
    for (const entry of contextMenus) for (const viewItem of otherRows) assert.equal(shownOn(entry, viewItem), false, `${entry.command} on "${viewItem}"`);
    // The menus of other rows were not classed as context menus: they show on no context at all.
    for (const entry of itemMenus.filter((menu) => !contextMenus.includes(menu)))
      assert.ok(
        otherRows.some((viewItem) => shownOn(entry, viewItem)),
        `${entry.command} shows on some row`,
      );
  });

  it('a command with a context menu picks, from the palette, among the contexts of the same condition', () => {
    for (const entry of contextMenus) {
      assert.deepEqual(palette.get(entry.command), [menuCondition(entry)], `${entry.command}: its picker's condition is its menu's`);
    }
  });

  it('every picker names a condition of the table (no filter of its own)', () => {
    // contextArgument.ts hands its caller's condition on to pickContext.
    const files = readdirSync(commandsDir).filter((file) => file.endsWith('.ts') && file !== 'contextArgument.ts');
    const named = files.flatMap((file) => pickerConditions(path.join(commandsDir, file)));
    assert.ok(named.length >= 12, `pickers found: ${named.length}`);
    for (const condition of named) assert.ok(condition in contextConditions, condition);
  });

  it('"Use Docker Context" leaves out the current context in its picker as in the menu, where it had offered it', () => {
    assert.deepEqual(palette.get('dockerContextGuard.useContext'), ['usableNotCurrent']);
    const current = contexts.filter((context) => context.current && !context.error);
    assert.ok(current.length > 0 && current.every((context) => !contextConditions.usableNotCurrent(context)));
  });

  it('a container whose state an engine names "stored secretKeys" gets no context menu (the menus matched any row)', () => {
    const forged = 'engineObject container exited stored usable secretKeys keyFiles tls hasEndpoint storedUsable usableNotCurrent';
    assert.deepEqual(
      contextMenus.filter((entry) => shownOn(entry, forged)).map((entry) => entry.command),
      [],
    );
  });

  it('a tree command with no picker is hidden from the palette, and no palette entry reads a tree row', () => {
    const hidden = new Set(manifest.contributes.menus.commandPalette.filter((entry) => entry.when === 'false').map((entry) => entry.command));
    for (const entry of manifest.contributes.menus.commandPalette)
      assert.ok(!/\bviewItem\b/.test(entry.when ?? ''), `${entry.command}: the palette has no viewItem`);
    for (const entry of itemMenus) {
      assert.ok(
        hidden.has(entry.command) || (palette.get(entry.command) ?? []).length > 0,
        `${entry.command} is in the palette, where no row is clicked, but picks no context`,
      );
    }
  });
});
