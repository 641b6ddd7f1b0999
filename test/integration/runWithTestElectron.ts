/**
 * Runs the integration suite in desktop VS Code through `@vscode/test-electron`, which downloads
 * VS Code into .vscode-test/ — so this needs internet (update.code.visualstudio.com). Machines
 * without it use runOffline.ts, which runs the same ./index.js in code-server.
 *
 *   node out/test/integration/runWithTestElectron.js   (VSCODE_VERSION=1.90.0 to pin a version)
 */
import * as path from 'node:path';

import { runTests } from '@vscode/test-electron';

import { extensionHostEnv } from '../../tools/vscode/extensionHostEnv';
import { findRepoRoot } from '../../tools/vscode/repoRoot';

export async function runWithTestElectron(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const extensionDevelopmentPath = findRepoRoot(__dirname);
  try {
    return await runTests({
      version: env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath,
      extensionTestsPath: path.join(__dirname, 'index.js'),
      extensionTestsEnv: { ...extensionHostEnv(env), DCG_INTEGRATION_RUNNER: 'test-electron' },
      // No other extensions, no leftover profile: the run sees only ours.
      launchArgs: ['--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
    });
  } catch (err) {
    // runTests rejects when VS Code exits non-zero (failed tests) or cannot be downloaded.
    console.error(err instanceof Error ? err.message : err);
    return 1;
  }
}

if (require.main === module) {
  runWithTestElectron().then((code) => process.exit(code));
}
