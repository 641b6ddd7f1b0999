/**
 * `npm run screenshot`: regenerates the README's pictures from a real offline VS Code running the
 * built extension against the test harness's real engines (loopback only): media/screenshot.png
 * (the sidebar with rows in words and the status bar on production), media/guard-question.png
 * (the guard's one question before a stop on production) and media/wizard-step.png (a step of
 * Create TLS Context with its counter). The store is made by the real docker CLI.
 */
import * as path from 'node:path';

import type { Page } from 'playwright-core';

import { dockerCli } from '../test/support/dockerCli';
import { type Harness, startHarness } from '../test/support/harness';
import { startCodeServer } from './vscode/codeServer';
import { ensureOfflineVsCode } from './vscode/installOfflineVsCode';
import { findRepoRoot } from './vscode/repoRoot';
import { launchChromium, workbenchUrl } from './vscode/runInBrowser';

const serve = ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done'];

/** Contexts a team might have, on the harness's engines (a TLS engine, a unix socket, sshd): all on this machine. */
async function fixtureStore({ info }: Harness): Promise<void> {
  const docker = dockerCli(info.dockerConfig);
  const pem = (file: string) => path.join(info.tls.clientDir, file);
  const tls = `ca=${pem('ca.pem')},cert=${pem('cert.pem')},key=${pem('key.pem')}`;
  await docker.ok('context', 'create', 'prod-eu', '--description', 'Production, Frankfurt', '--docker', `host=${info.tls.host},${tls}`);
  await docker.ok(
    'context',
    'create',
    'staging-api',
    '--description',
    'Staging over SSH',
    '--docker',
    `host=ssh://${info.ssh.user}@${info.ssh.host}:${info.ssh.port}`,
  );
  await docker.ok('context', 'create', 'laptop', '--docker', `host=${info.local.host}`);
  await docker.ok('context', 'create', 'legacy-lab', '--docker', 'host=tcp://127.0.0.1:2375');
  await docker.ok('--context', 'prod-eu', 'run', '-d', '--name', 'web-prod', info.image, ...serve);
  await docker.ok('context', 'use', 'prod-eu');
}

const row = (page: Page, name: string) => page.locator(`.monaco-list-row[aria-label^="${name},"]`).first();

async function main(): Promise<void> {
  const repoRoot = findRepoRoot(__dirname);
  const harness = await startHarness();
  try {
    await fixtureStore(harness);
    const install = await ensureOfflineVsCode({ repoRoot });
    const env = { ...harness.env, DOCKER_HOST: undefined, DOCKER_CONTEXT: undefined };
    // testDriver: the extension comes in the page's payload, and no toast (the harness's 2-day certificates warn) covers the picture.
    const server = await startCodeServer({
      install,
      env,
      testDriver: true,
      settings: { 'workbench.colorTheme': 'Default Dark Modern', 'workbench.secondarySideBar.defaultVisibility': 'hidden' },
    });
    const browser = await launchChromium({ headless: true });
    try {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      await page.setViewportSize({ width: 1100, height: 560 });
      await page.goto(workbenchUrl({ server, folder: server.scratchWorkspace, extensionDevelopmentPath: repoRoot }));
      await page.locator('.statusbar-item[id="docker-context-guard.docker-context-guard.dockerContextGuard.environment"]').waitFor({ timeout: 60_000 });
      await page.locator('.activitybar [aria-label^="Docker Contexts"]').first().click();
      await row(page, 'laptop').waitFor({ timeout: 30_000 });
      // Let the probes answer (the silent legacy-lab is refused at once: nothing listens on its port).
      await page.waitForTimeout(4000);
      await row(page, 'prod-eu').hover();
      await page.waitForTimeout(1500);
      await shot(page, repoRoot, 'screenshot.png');

      // The guard's question: Stop on a production container (a click on a collapsed row expands it).
      await page.mouse.move(900, 500);
      await row(page, 'prod-eu').click();
      const containers = page.locator('.monaco-list-row', { hasText: 'Containers' }).first();
      await containers.click();
      const web = page.locator('.monaco-list-row', { hasText: 'web-prod' }).first();
      await web.hover();
      await web.locator('.action-label[aria-label^="Stop"]').click();
      await page.locator('.quick-input-widget').waitFor({ state: 'visible', timeout: 15_000 });
      await page.waitForTimeout(800);
      await shot(page, repoRoot, 'guard-question.png');
      await page.keyboard.press('Escape');

      // A wizard step with its counter.
      await page.keyboard.press('F1');
      await page.keyboard.type('Docker Context Guard: Create TLS Context');
      await page.waitForTimeout(600);
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget .quick-input-title').waitFor({ state: 'visible', timeout: 15_000 });
      await page.keyboard.type('prod-us');
      await page.waitForTimeout(800);
      await shot(page, repoRoot, 'wizard-step.png');
      await page.keyboard.press('Escape');
    } finally {
      await browser.close();
      await server.stop();
    }
  } finally {
    await harness.stop();
  }
}

async function shot(page: Page, repoRoot: string, name: string): Promise<void> {
  const file = path.join(repoRoot, 'media', name);
  await page.screenshot({ path: file });
  console.log(`wrote ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
