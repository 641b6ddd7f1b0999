/**
 * First integration tests, run inside a real extension host: the extension is installed,
 * activates with the API it promises, registers everything package.json contributes, shows its
 * view and its walkthrough, and keeps activation light (the heavy engine/SSH/certificate modules stay unloaded until
 * a user action needs them).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import * as vscode from 'vscode';

const EXTENSION_ID = 'docker-context-guard.docker-context-guard';

/** Modules that must not be loaded by activation (see esbuild.config.mjs and src/core/vendor.ts). */
const HEAVY_PACKAGES = /node_modules\/(dockerode|ssh2|node-forge)\//;
/** Our separate bundles of those packages; matched only inside our extension (built-ins have dist/ too). */
const VENDOR_BUNDLES = /dist\/vendor\//;

interface PackageJson {
  name: string;
  publisher: string;
  version: string;
  main: string;
  contributes: {
    commands?: Array<{ command: string }>;
    viewsContainers?: { activitybar?: Array<{ id: string }> };
    walkthroughs?: Array<{ id: string; steps: Array<{ id: string; description: string; media: { markdown?: string; image?: string } }> }>;
  };
}

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as PackageJson;

describe('Docker Context Guard extension', () => {
  let extension: vscode.Extension<{ version: string }>;
  /** Modules loaded right after activation, before any test touches the UI. */
  let loadedAfterActivation: string[];

  before(async () => {
    const found = vscode.extensions.getExtension<{ version: string }>(EXTENSION_ID);
    assert.ok(found, `extension ${EXTENSION_ID} is not installed in this VS Code`);
    extension = found;
    await extension.activate();
    loadedAfterActivation = Object.keys(require.cache);
  });

  it('is the extension from this repository', () => {
    assert.equal(`${pkg.publisher}.${pkg.name}`, EXTENSION_ID);
    assert.equal(extension.packageJSON.version, pkg.version);
  });

  it('runs with the environment its runner passed to the extension host', () => {
    // Set by runOffline.ts / runWithTestElectron.ts through the same path as DCG_TEST_HARNESS.
    assert.ok(
      ['code-server', 'test-electron'].includes(process.env.DCG_INTEGRATION_RUNNER ?? ''),
      `DCG_INTEGRATION_RUNNER=${process.env.DCG_INTEGRATION_RUNNER}`,
    );
  });

  it('activates and exports its version', async () => {
    const api = await extension.activate();
    assert.equal(extension.isActive, true);
    assert.equal(api.version, pkg.version);
  });

  it('registers every command contributed in package.json', async () => {
    const contributed = (pkg.contributes.commands ?? []).map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      contributed.filter((c) => !registered.has(c)),
      [],
      'contributed commands that are not registered',
    );
  });

  it('shows its view container and its Contexts view', async () => {
    assert.deepEqual(
      pkg.contributes.viewsContainers?.activitybar?.map((c) => c.id),
      ['dockerContextGuard'],
    );
    await vscode.commands.executeCommand('workbench.view.extension.dockerContextGuard');
    await vscode.commands.executeCommand('dockerContextGuard.contexts.focus');
  });

  it('offers a walkthrough whose buttons run commands that exist and whose pages ship', async () => {
    const [walkthrough] = pkg.contributes.walkthroughs ?? [];
    assert.ok(walkthrough, 'no walkthrough contributed');
    const registered = new Set(await vscode.commands.getCommands(true));
    const links = walkthrough.steps.flatMap((step) => [...step.description.matchAll(/\]\(command:([\w.]+)/g)].map((match) => match[1]));
    assert.ok(links.length >= walkthrough.steps.length, `only ${links.length} buttons`);
    assert.deepEqual(
      links.filter((command) => !registered.has(command)),
      [],
      'buttons that run no registered command',
    );
    for (const step of walkthrough.steps) {
      const page = step.media.markdown ?? step.media.image ?? '';
      assert.ok(readFileSync(path.join(extension.extensionPath, page)).length > 0, `${step.id}: ${page}`);
    }
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${walkthrough.id}`, false);
  });

  // index.ts runs this file first, so no other suite has loaded them yet.
  it('does not load dockerode, ssh2 or node-forge on activation', () => {
    const loaded = loadedAfterActivation;
    const main = path.join(extension.extensionPath, pkg.main);
    // The check means something only if this cache is the one the extension was loaded into.
    assert.ok(loaded.includes(require.resolve(main)), `${main} is not in this require.cache; cannot tell what activation loaded`);
    const ours = (m: string) => !path.relative(extension.extensionPath, m).startsWith('..');
    assert.deepEqual(
      loaded.filter((m) => HEAVY_PACKAGES.test(m) || (ours(m) && VENDOR_BUNDLES.test(m))),
      [],
    );
  });
});
