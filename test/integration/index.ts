/**
 * The tests module VS Code loads into the extension host (`extensionTestsPath`): it runs mocha
 * over every compiled `*.test.js` next to it and settles when they are done. Both runners use it:
 * runWithTestElectron.ts (desktop VS Code, needs internet) and runOffline.ts (code-server).
 *
 * mocha 12 is an ES module package whose entry re-exports a CommonJS build. The extension host
 * of current VS Code / code-server runs Node >= 22.12 or 24, where `require()` of an ES module
 * works; older Electron Node cannot, so we fall back to a real dynamic `import()` (hidden from
 * TypeScript, which would otherwise compile it to `require`).
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

import type MochaType from 'mocha';
import * as vscode from 'vscode';

type MochaConstructor = typeof MochaType;

/** Per-test timeout; the engines behind some suites are real and slow to answer. */
const TEST_TIMEOUT_MS = 20_000;

/**
 * Narrowing a run (both reach the extension host like every DCG_* variable):
 *   DCG_INTEGRATION_FILES=extension,contexts   only test files whose name contains one of these
 *   DCG_INTEGRATION_GREP='status bar'          only tests whose full title matches (mocha --grep)
 */
export async function run(): Promise<void> {
  const Mocha = await loadMocha();
  const grep = process.env.DCG_INTEGRATION_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: TEST_TIMEOUT_MS, reporter: loadReporter(), ...(grep ? { grep } : {}) });
  const only = (process.env.DCG_INTEGRATION_FILES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const files = findTestFiles(__dirname).filter((f) => only.length === 0 || only.some((o) => path.basename(f).includes(o)));
  if (files.length === 0) throw new Error(`No *.test.js files under ${__dirname}${only.length ? ` matching ${only.join(', ')}` : ''}`);
  for (const file of files) mocha.addFile(file);
  // Production is read-only by default. The files test the confirmations of the typed-name mode;
  // elevation.test.ts tests the read-only default (it sets it, and puts this back).
  await vscode.workspace.getConfiguration('dockerContextGuard.guard').update('production', 'typeName', vscode.ConfigurationTarget.Global);

  const failures = await new Promise<number>((resolve, reject) => {
    try {
      mocha.run(resolve);
    } catch (err) {
      reject(err);
    }
  });
  if (failures > 0) throw new Error(`${failures} integration test(s) failed.`);
}

async function loadMocha(): Promise<MochaConstructor> {
  let mod: unknown;
  try {
    mod = require('mocha');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ERR_REQUIRE_ESM') throw err;
    const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<unknown>;
    // Absolute file URL: a bare specifier would resolve from the host's working directory.
    mod = await importEsm(pathToFileURL(require.resolve('mocha')).href);
  }
  // require(esm) gives the function itself (Node 24) or a namespace with `default` (Node 20/22).
  const candidate = typeof mod === 'function' ? mod : (mod as { default?: unknown }).default;
  if (typeof candidate !== 'function') throw new Error('Could not load mocha: no constructor in its exports');
  return candidate as MochaConstructor;
}

/**
 * The spec reporter plus the counts line the test orchestrator sums up (test/run.ts). It
 * requires 'mocha' itself, which an extension host without require(esm) cannot: plain spec there.
 */
function loadReporter(): string | MochaType.ReporterConstructor {
  try {
    return require('../support/countingReporter') as MochaType.ReporterConstructor;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ERR_REQUIRE_ESM') throw err;
    console.warn('countingReporter needs require(esm); using the spec reporter (no counts for the orchestrator)');
    return 'spec';
  }
}

/** Runs first: its activation checks need an extension host no other suite has touched. */
const FIRST = 'extension.test.js';

/** Every `*.test.js` under `dir`, sorted so runs are repeatable, FIRST first. */
function findTestFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .sort((a, b) => Number(b === FIRST) - Number(a === FIRST) || a.localeCompare(b))
    .map((f) => path.join(dir, f));
}
