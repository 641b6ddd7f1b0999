/**
 * `npm run screenshot`: regenerates media/screenshot.png, the README's picture of the sidebar
 * and the status bar with a production context in use. A real offline VS Code runs the built
 * extension against a fixture store made by the real docker CLI in a temp DOCKER_CONFIG.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { dockerCli } from '../test/support/dockerCli';
import { writeSelfSignedPem } from '../test/support/selfSignedPem';
import { startCodeServer } from './vscode/codeServer';
import { ensureOfflineVsCode } from './vscode/installOfflineVsCode';
import { findRepoRoot } from './vscode/repoRoot';
import { launchChromium, workbenchUrl } from './vscode/runInBrowser';

async function fixtureStore(root: string): Promise<string> {
  const configDir = path.join(root, 'docker');
  const pemDir = await mkdtemp(path.join(root, 'pem-'));
  await writeSelfSignedPem(pemDir);
  const docker = dockerCli(configDir);
  const tls = `ca=${pemDir}/ca.pem,cert=${pemDir}/cert.pem,key=${pemDir}/key.pem`;
  await docker.ok('context', 'create', 'prod-eu', '--description', 'Production, Frankfurt', '--docker', `host=tcp://prod-eu.example.com:2376,${tls}`);
  await docker.ok('context', 'create', 'staging-api', '--description', 'Staging over SSH', '--docker', 'host=ssh://deploy@staging.example.com');
  await docker.ok('context', 'create', 'build-box', '--docker', 'host=ssh://ci@build-1.internal:2222');
  await docker.ok('context', 'create', 'laptop', '--docker', 'host=unix:///run/user/1000/docker.sock');
  await docker.ok('context', 'create', 'legacy-lab', '--docker', 'host=tcp://10.0.4.12:2375');
  await docker.ok('context', 'use', 'prod-eu');
  return configDir;
}

async function main(): Promise<void> {
  const repoRoot = findRepoRoot(__dirname);
  const root = await mkdtemp(path.join(os.tmpdir(), 'dcg-shot-'));
  const install = await ensureOfflineVsCode({ repoRoot });
  const env = { DOCKER_CONFIG: await fixtureStore(root), HOME: root, DOCKER_HOST: undefined, DOCKER_CONTEXT: undefined };
  // testDriver: the extension comes in the page's payload, and no toast (the fixture's 1-day certificate warns) covers the picture.
  const server = await startCodeServer({ install, env, testDriver: true, settings: { 'workbench.colorTheme': 'Default Dark Modern', 'workbench.secondarySideBar.defaultVisibility': 'hidden' } });
  const browser = await launchChromium({ headless: true });
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.setViewportSize({ width: 1100, height: 560 });
    await page.goto(workbenchUrl({ server, folder: server.scratchWorkspace, extensionDevelopmentPath: repoRoot }));
    await page.locator('.statusbar-item[id="docker-context-guard.docker-context-guard.dockerContextGuard.environment"]').waitFor({ timeout: 60_000 });
    await page.locator('.activitybar [aria-label^="Docker Contexts"]').first().click();
    await page.locator('.monaco-list-row[aria-label^="staging-api,"]').waitFor({ timeout: 30_000 });
    await page.locator('.monaco-list-row[aria-label^="prod-eu,"]').hover();
    await page.waitForTimeout(1500);
    const file = path.join(repoRoot, 'media', 'screenshot.png');
    await page.screenshot({ path: file });
    console.log(`wrote ${file}`);
  } finally {
    await browser.close();
    await server.stop();
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
