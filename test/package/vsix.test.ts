/**
 * The package a user installs: `npm run package` makes a .vsix holding only the bundles, which
 * installs into a real VS Code (code-server's --install-extension, no development path) and
 * activates there: its status-bar indicator appears.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

import { type CodeServer, startCodeServer } from '../../tools/vscode/codeServer';
import { ensureOfflineVsCode } from '../../tools/vscode/installOfflineVsCode';
import { launchChromium, type LaunchedBrowser, workbenchUrl } from '../../tools/vscode/runInBrowser';
import { repoRoot } from '../support/repoPaths';
import { runProcess } from '../support/runProcess';

const statusBarItem = '.statusbar-item[id="docker-context-guard.docker-context-guard.dockerContextGuard.environment"]';

describe('packaged extension (.vsix)', function () {
  this.timeout(240_000);
  let vsix: string;
  let server: CodeServer | undefined;
  let browser: LaunchedBrowser | undefined;

  before(async () => {
    const result = await runProcess('npm', ['run', 'package'], { cwd: repoRoot, timeoutMs: 180_000 });
    assert.equal(result.code, 0, `npm run package failed:\n${result.stdout}\n${result.stderr}`);
    const dir = path.join(repoRoot, 'dist-package');
    vsix = path.join(
      dir,
      readdirSync(dir).find((file) => file.endsWith('.vsix'))!,
    );
    console.log(`      ${path.basename(vsix)}: ${(statSync(vsix).size / 1024).toFixed(0)} KiB`);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('holds the bundles and media, and no sources, tests or node_modules', async () => {
    const listing = await runProcess('npx', ['vsce', 'ls', '--no-dependencies'], { cwd: repoRoot });
    assert.equal(listing.code, 0, listing.stderr);
    const files = listing.stdout.trim().split('\n').sort();
    assert.ok(files.includes('dist/extension.js') && files.includes('dist/cli.js') && files.includes('dist/vendor/dockerode.js'), files.join(', '));
    assert.deepEqual(
      files.filter((file) => /^(src|test|node_modules|out|tools|bench)\/|\.map$|\.ts$/.test(file)),
      [],
    );
  });

  it('installs into VS Code and activates', async () => {
    const install = await ensureOfflineVsCode({ repoRoot });
    server = await startCodeServer({ install, vsix, env: { DOCKER_HOST: undefined, DOCKER_CONTEXT: undefined } });
    browser = await launchChromium({ headless: true });
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(workbenchUrl({ server, folder: server.scratchWorkspace }));
    const item = page.locator(statusBarItem);
    await item.waitFor({ timeout: 90_000 });
    assert.match((await item.innerText()).trim(), / · (local|development|staging|production)/);
  });
});
