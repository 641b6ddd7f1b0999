// Quick start (`npm start`): build the extension and open it in a VS Code as a development
// extension, from a fresh clone, in one command.
//
// With a desktop `code` on PATH it runs `code --extensionDevelopmentPath=<repo>`. Without one
// (our machines cannot download VS Code) it installs, once, code-server from npm into
// .vscode-test/ (tools/vscode/, about 3 minutes the first time), starts it with this checkout
// linked into its extensions folder and this repository open (tools/vscode/quickStart.ts: the
// workbench a user gets, notifications included, not the test runner's), prints the URL, opens
// it in Chromium when there is a display, and keeps serving until Ctrl+C.
//
// Plain Node, no dependencies at import time: node_modules may not exist yet when this starts.
//
//   npm start                      DCG_START_PORT=8080 npm start   (fixed port instead of a free one)
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

import { prepare, repoRoot as repo } from './prepare.mjs';

const say = (line) => console.log(`[start] ${line}`);

/** Absolute path of an executable on PATH, or undefined. */
function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Desktop VS Code: it opens its own window and this script is done. */
function startDesktop(code) {
  say(`found ${code}; opening an Extension Development Host`);
  const child = spawn(code, [`--extensionDevelopmentPath=${repo}`], { cwd: repo, stdio: 'inherit' });
  child.on('exit', (status) => process.exit(status ?? 1));
}

/** code-server from npm, kept running until Ctrl+C. */
async function startOffline() {
  const require = createRequire(import.meta.url);
  const tools = path.join(repo, 'out', 'tools', 'vscode');
  const { ensureOfflineVsCode } = require(path.join(tools, 'installOfflineVsCode.js'));
  const { startQuickStart } = require(path.join(tools, 'quickStart.js'));
  const { openWorkbenchWindow } = require(path.join(tools, 'runInBrowser.js'));

  say('no `code` on PATH: using code-server from npm (cached in .vscode-test/)');
  const install = await ensureOfflineVsCode({ repoRoot: repo });
  const port = process.env.DCG_START_PORT ? Number(process.env.DCG_START_PORT) : undefined;
  const { server, url } = await startQuickStart({ install, repoRoot: repo, port });
  let browser;
  let stopping = false;
  const stop = async (code) => {
    if (stopping) process.exit(130); // second Ctrl+C: the exit hook kills the server's group
    stopping = true;
    say('stopping…');
    await browser?.close();
    await server.stop();
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stop(0));
  server.exited.then(() => {
    if (stopping) return;
    console.error(`[start] code-server exited unexpectedly:\n${server.output()}`);
    void stop(1);
  });

  say(`VS Code (code-server ${install.versions.codeServer}) with Docker Context Guard loaded from ${repo}:`);
  console.log(`\n    ${url}\n`);
  if (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) {
    try {
      browser = await openWorkbenchWindow(url);
      say('opened in Chromium');
    } catch (err) {
      say(`could not open Chromium (${err instanceof Error ? err.message : err}); open the URL yourself`);
    }
  } else {
    say('no DISPLAY: open the URL in a browser on this machine (or forward the port)');
  }
  say('press Ctrl+C to stop');
}

try {
  prepare();
  const code = onPath('code');
  if (code) startDesktop(code);
  else await startOffline();
} catch (err) {
  console.error(`[start] ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
