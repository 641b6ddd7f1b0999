/**
 * Runs the integration suite (./index.js, the same module `@vscode/test-electron` would load) in
 * a real VS Code extension host without internet: code-server from npm + Debian Chromium.
 *
 *   node out/test/integration/runOffline.js     exits with the suite's code (0 = passed)
 *
 * or in process: `await runIntegrationSuite({ env })`. The tested environment (HOME,
 * DOCKER_CONFIG, DCG_TEST_HARNESS and every other DCG_* variable) is taken from `env` and handed
 * to the extension host. See /work/shared/vscode-offline.md and tools/vscode/.
 */
import { cpSync, existsSync } from 'node:fs';
import * as path from 'node:path';

import { startCodeServer } from '../../tools/vscode/codeServer';
import { extensionHostEnv } from '../../tools/vscode/extensionHostEnv';
import { ensureOfflineVsCode } from '../../tools/vscode/installOfflineVsCode';
import { findRepoRoot } from '../../tools/vscode/repoRoot';
import { isWorkbenchNoise, runExtensionTestsInBrowser } from '../../tools/vscode/runInBrowser';

export interface IntegrationSuiteOptions {
  /** Environment to take the tested variables from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Tests module to run (default: ./index.js, which runs every *.test.js beside it). */
  extensionTestsPath?: string;
  /** Folder to open in the workbench (default: an empty scratch folder). */
  workspaceFolder?: string;
  /** Hard limit for the suite (default 10 minutes). */
  timeoutMs?: number;
  /** Each line of output (progress, mocha, extension host); default stdout. */
  log?: (line: string) => void;
  /** Also show the workbench's harmless noise (default: env DCG_INTEGRATION_VERBOSE=1). */
  verbose?: boolean;
}

/**
 * Installs (once) and starts code-server, runs the suite, stops everything; resolves with the
 * suite's exit code (0 = passed; 1 = failures, timeout or a crashed page, with logs kept under
 * .vscode-test/logs/). Rejects only when the install or the server start fails.
 */
export async function runIntegrationSuite(options: IntegrationSuiteOptions = {}): Promise<number> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const repoRoot = findRepoRoot(__dirname);
  const env = options.env ?? process.env;
  // Tells the suite which runner started it (and proves the environment reaches the host).
  const hostEnv = { ...extensionHostEnv(env), DCG_INTEGRATION_RUNNER: 'code-server' };
  const verbose = options.verbose ?? env.DCG_INTEGRATION_VERBOSE === '1';
  const step = (label: string, since: number) => log(`[integration] ${label} in ${((Date.now() - since) / 1000).toFixed(1)} s`);

  let t = Date.now();
  const install = await ensureOfflineVsCode({ repoRoot, log: (line) => log(`[offline-vscode] ${line}`) });
  step('install checked', t);

  t = Date.now();
  // Given to the server too: the extension host inherits its environment, whatever the page does.
  // testDriver: the page takes the suite from its payload and reports back (toasts are dropped).
  const server = await startCodeServer({ install, env: hostEnv, settings: { 'git.enabled': false }, testDriver: true });
  step(`code-server up at ${server.url}`, t);
  const failureLogsDir = path.join(repoRoot, '.vscode-test', 'logs', new Date().toISOString().replace(/[:.]/g, '-'));
  let code = 1;
  try {
    t = Date.now();
    code = await runExtensionTestsInBrowser({
      server,
      folder: options.workspaceFolder ?? server.scratchWorkspace,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: options.extensionTestsPath ?? path.join(__dirname, 'index.js'),
      extensionEnvironment: hostEnv,
      timeoutMs: options.timeoutMs,
      failureLogsDir,
      onLog: (_type, text) => {
        if (verbose || !isWorkbenchNoise(text)) log(text.replace(/\n$/, ''));
      },
    });
    step(`suite finished with exit code ${code}`, t);
    return code;
  } catch (err) {
    log(`[integration] the run failed: ${(err as Error).stack ?? String(err)}`);
    return 1;
  } finally {
    if (code !== 0 && existsSync(server.logsDir)) {
      try {
        cpSync(server.logsDir, path.join(failureLogsDir, 'server'), { recursive: true });
        log(`[integration] code-server and extension host logs: ${path.join(failureLogsDir, 'server')}`);
      } catch (err) {
        log(`[integration] could not keep the server's logs: ${(err as Error).message}`);
      }
    }
    await server.stop();
  }
}

if (require.main === module) {
  // Ctrl+C: exit, which makes codeServer's exit hook kill the server's process group.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => process.exit(130));
  runIntegrationSuite().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
