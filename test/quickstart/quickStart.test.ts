/**
 * `npm start`'s offline VS Code is the one a user gets (issue 11): the repository open, the
 * extension from this checkout active, and its notifications popping up as toasts. The test
 * runner's setup (enable-smoke-test-driver, the extension handed over in the page's payload, as
 * `npm start` once did) raises the same notification only in the bell: the second case shows
 * that this test tells the two workbenches apart.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { Page } from 'playwright-core';

import { sharedEnv } from '../../src/core/sharedEnvironment';
import { type CodeServer, startCodeServer } from '../../tools/vscode/codeServer';
import { ensureOfflineVsCode, type OfflineVsCode } from '../../tools/vscode/installOfflineVsCode';
import { startQuickStart } from '../../tools/vscode/quickStart';
import { launchChromium, type LaunchedBrowser, workbenchUrl } from '../../tools/vscode/runInBrowser';
import { repoRoot } from '../support/repoPaths';

const statusBarItem = '.statusbar-item[id="docker-context-guard.docker-context-guard.dockerContextGuard.environment"]';
const bell = '.statusbar-item[id="status.notifications"]';
const toast = '.notifications-toasts .notification-toast';
const centreItem = '.notifications-center .notification-list-item';
/** A command whose notification needs no engine: a fresh profile's audit log is empty. */
const command = 'Docker Context Guard: Show Audit Log';
const notice = /The audit log is empty/;
// A state folder of its own (made in before()): the suites before it wrote to the harness HOME's audit log.
const env: Record<string, string | undefined> = { DOCKER_HOST: undefined, DOCKER_CONTEXT: undefined };

interface Seen {
  title: string;
  /** From the server's start to the extension's status-bar item in the page. */
  activatedMs: number;
  toasts: string[];
  /** The notification centre the bell opens. */
  centre: string[];
}

/** Opens the workbench, runs the command from the palette, and reads toasts, then the bell's list. */
async function whatTheUserSees(page: Page, url: string, since: number): Promise<Seen> {
  await page.goto(url);
  await page.locator(statusBarItem).waitFor({ timeout: 90_000 });
  const activatedMs = Date.now() - since;
  await page.keyboard.press('F1');
  await page.keyboard.type(command);
  await page.locator(`.quick-input-list .monaco-list-row.focused[aria-label="${command}"]`).waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  // Raised either way: as a toast, or only as the bell's dot. The dot may stand for an earlier
  // notification (a certificate warning of the store), so a toast of this one is waited for first.
  await page
    .locator(toast)
    .filter({ hasText: notice })
    .first()
    .waitFor({ timeout: 20_000 })
    .catch(() => undefined);
  await page.locator(`${toast}, ${bell} .codicon-bell-dot`).first().waitFor({ timeout: 30_000 });
  const toasts = await page.locator(toast).allInnerTexts();
  await page.locator(bell).click();
  await page.locator(centreItem).first().waitFor({ timeout: 15_000 });
  return { title: await page.title(), activatedMs, toasts, centre: await page.locator(centreItem).allInnerTexts() };
}

describe('quick start (npm start) workbench', function () {
  this.timeout(240_000);
  let install: OfflineVsCode;
  let server: CodeServer | undefined;
  let browser: LaunchedBrowser | undefined;

  before(() => {
    env[sharedEnv.stateDir] = mkdtempSync(path.join(os.tmpdir(), 'dcg-quickstart-state-'));
  });
  after(() => rmSync(env[sharedEnv.stateDir]!, { recursive: true, force: true }));

  before(async () => {
    install = await ensureOfflineVsCode({ repoRoot, log: () => undefined });
  });

  afterEach(async () => {
    await browser?.close();
    await server?.stop();
    browser = server = undefined;
  });

  async function look(url: string, since: number): Promise<Seen> {
    browser = await launchChromium({ headless: true });
    return whatTheUserSees(browser.context.pages()[0] ?? (await browser.context.newPage()), url, since);
  }

  it('opens the repository with the extension active and shows its notifications as toasts', async () => {
    const started = Date.now();
    const quickStart = await startQuickStart({ install, repoRoot, env });
    server = quickStart.server;
    const upMs = Date.now() - started;
    const seen = await look(quickStart.url, started);
    console.log(`      server up in ${(upMs / 1000).toFixed(1)} s, extension active in the page ${(seen.activatedMs / 1000).toFixed(1)} s after the start`);
    assert.ok(
      seen.toasts.some((text) => notice.test(text)),
      `no toast says ${notice}; toasts: ${JSON.stringify(seen.toasts)}`,
    );
    assert.ok(
      seen.centre.some((text) => notice.test(text)),
      JSON.stringify(seen.centre),
    );
    assert.ok(
      seen.title.split(' - ').includes(path.basename(repoRoot)),
      `window title ${JSON.stringify(seen.title)} names no ${path.basename(repoRoot)} folder`,
    );

    // Stopping removes the server's folder with the link in it, never what the link points at.
    const { tempDir } = server;
    await server.stop();
    assert.equal(existsSync(tempDir), false);
    assert.ok(existsSync(path.join(repoRoot, 'package.json')) && existsSync(path.join(repoRoot, 'dist', 'extension.js')));
  });

  it('the test runner setup (enable-smoke-test-driver) raises the same notification only in the bell', async () => {
    const started = Date.now();
    server = await startCodeServer({ install, env, testDriver: true });
    const seen = await look(workbenchUrl({ server, folder: repoRoot, extensionDevelopmentPath: repoRoot }), started);
    assert.deepEqual(seen.toasts, []);
    assert.ok(
      seen.centre.some((text) => notice.test(text)),
      `the bell's list lacks ${notice}: ${JSON.stringify(seen.centre)}`,
    );
  });
});
