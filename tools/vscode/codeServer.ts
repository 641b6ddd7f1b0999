/**
 * Starts a throwaway code-server (a real VS Code server) on a free loopback port, isolated from
 * the user's profile, and stops it without leaving anything behind.
 *
 * Why this shape (see /work/shared/vscode-offline.md): code-server has child processes (the
 * extension host among them) that outlive a plain kill, so it runs in its own session/process
 * group (`detached`, i.e. setsid) and is stopped by signalling the whole group. Its user data,
 * extensions, XDG config/data and a scratch workspace live in one temp folder that stop()
 * removes. Two ways to load an extension under development:
 * - `testDriver` (`--vscode-option enable-smoke-test-driver`): the workbench honours the `payload`
 *   query parameter (extensionDevelopmentPath, extensionTestsPath, extensionEnvironment) and calls
 *   `window.codeAutomationExit`; without it a test run just hangs. The price: that workbench drops
 *   every notification toast (only the bell gets a dot): for test runs (and the README picture)
 *   only, never for a person.
 * - `linkedExtension`: a symlink `<publisher>.<name>-<version>` in the extensions folder pointing
 *   at the built checkout, which the server loads as an installed extension; the workbench is the
 *   one a user gets (`npm start`).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

import type { OfflineVsCode } from './installOfflineVsCode';

export interface StartCodeServerOptions {
  /** The install from ensureOfflineVsCode(). */
  install: OfflineVsCode;
  /**
   * Extra environment for the server process. The extension host inherits the server's
   * environment, so this is one way to give the extension HOME, DOCKER_CONFIG, DCG_* …
   * (the other is the `extensionEnvironment` of the page's payload, see runInBrowser.ts).
   * A value of `undefined` removes the variable.
   */
  env?: Record<string, string | undefined>;
  /** Fixed port; default a free loopback port. */
  port?: number;
  /** How long to wait for /healthz (default 60 s). */
  startTimeoutMs?: number;
  /** Receives every line code-server prints (default: dropped; kept for error messages). */
  onOutput?: (line: string) => void;
  /** Extra user settings merged over the defaults. */
  settings?: Record<string, unknown>;
  /** A packaged extension (.vsix) to install before the server starts, as a user would. */
  vsix?: string;
  /** A built extension folder (e.g. this checkout) to load as an installed extension, by a symlink in the extensions folder. */
  linkedExtension?: string;
  /**
   * Start with `--vscode-option enable-smoke-test-driver`, which test runs need (payload,
   * codeAutomationExit) and which makes the workbench drop every notification toast. Default false.
   */
  testDriver?: boolean;
}

export interface CodeServer {
  /** Base URL, e.g. `http://127.0.0.1:41234/` (with the trailing slash). */
  readonly url: string;
  readonly port: number;
  /** `127.0.0.1:PORT`, the authority of `vscode-remote://` URIs for this server. */
  readonly authority: string;
  /** Temp folder holding user data, extensions, XDG dirs; removed by stop(). */
  readonly tempDir: string;
  /** An empty folder inside tempDir to open as the workspace when none is given. */
  readonly scratchWorkspace: string;
  /** The server's and its extension hosts' log files (inside tempDir: copy them before stop()). */
  readonly logsDir: string;
  /** Settles when the server process exits (on its own or by stop()). */
  readonly exited: Promise<void>;
  /** The server's output so far (last few hundred lines). */
  output(): string;
  /** Kills the process group and removes the temp folder. Safe to call more than once. */
  stop(): Promise<void>;
}

/** User settings for a quiet, deterministic workbench (from the recipe). */
const DEFAULT_SETTINGS: Record<string, unknown> = {
  'chat.disableAIFeatures': true,
  'workbench.startupEditor': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.enabled': false,
};

/** Servers still running, killed synchronously if the process exits without stopping them. */
const live = new Set<{ pid: number; tempDir: string }>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const s of live) {
      killGroup(s.pid, 'SIGKILL');
      rmSync(s.tempDir, { recursive: true, force: true });
    }
  });
}

export async function startCodeServer(options: StartCodeServerOptions): Promise<CodeServer> {
  const port = options.port ?? (await freeLoopbackPort());
  const tempDir = mkdtempSync(path.join(os.tmpdir(), 'dcg-code-server-'));
  const dirs = {
    userData: path.join(tempDir, 'user-data'),
    extensions: path.join(tempDir, 'extensions'),
    xdgConfig: path.join(tempDir, 'xdg-config'),
    xdgData: path.join(tempDir, 'xdg-data'),
    workspace: path.join(tempDir, 'workspace'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...options.settings }, null, 2) + '\n');

  const env = serverEnv(options, dirs);
  try {
    if (options.vsix) installVsix(options, env, dirs);
    if (options.linkedExtension) linkExtension(options.linkedExtension, dirs.extensions);
  } catch (err) {
    rmSync(tempDir, { recursive: true, force: true });
    throw err;
  }
  const args = [
    options.install.codeServerEntry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(options.testDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ];
  // detached => setsid(): own session and process group, so stop() can kill the whole tree.
  const child = spawn(options.install.nodeBin, args, { cwd: tempDir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid;
  if (pid === undefined) {
    rmSync(tempDir, { recursive: true, force: true });
    throw new Error(`Could not start code-server (${options.install.nodeBin} ${options.install.codeServerEntry})`);
  }
  installExitHook();
  const entry = { pid, tempDir };
  live.add(entry);

  const lines: string[] = [];
  const collect = (stream: NodeJS.ReadableStream) => {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (lines.length > 400) lines.shift();
        options.onOutput?.(line);
      }
    });
  };
  collect(child.stdout!);
  collect(child.stderr!);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await killAndWait(child, exited);
      live.delete(entry);
      rmSync(tempDir, { recursive: true, force: true });
    })());

  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitForHealthz(port, child, options.startTimeoutMs ?? 60_000, () => lines.join('\n'));
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url,
    port,
    authority: `127.0.0.1:${port}`,
    tempDir,
    scratchWorkspace: dirs.workspace,
    logsDir: path.join(dirs.userData, 'logs'),
    exited,
    output: () => lines.join('\n'),
    stop,
  };
}

/** `code-server --install-extension FILE` into the server's own extensions dir; throws with its output on failure. */
function installVsix(options: StartCodeServerOptions, env: NodeJS.ProcessEnv, dirs: { userData: string; extensions: string }): void {
  const args = [options.install.codeServerEntry, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', options.vsix!];
  const result = spawnSync(options.install.nodeBin, args, { env, encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`installing ${options.vsix} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
}

/**
 * Links a built extension folder into `extensionsDir` under the name VS Code gives installed
 * extensions; the server scans the folder at start and follows the link. Throws when the folder
 * has no manifest or its `main` bundle is not built (the extension would silently not activate).
 */
function linkExtension(folder: string, extensionsDir: string): void {
  const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as {
    publisher?: string;
    name?: string;
    version?: string;
    main?: string;
  };
  if (!manifest.publisher || !manifest.name || !manifest.version) throw new Error(`${folder}/package.json lacks publisher, name or version`);
  if (manifest.main && !existsSync(path.resolve(folder, manifest.main)))
    throw new Error(`${path.resolve(folder, manifest.main)} is missing: build the extension first (npm run build)`);
  symlinkSync(path.resolve(folder), path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');
}

function serverEnv(options: StartCodeServerOptions, dirs: { xdgConfig: string; xdgData: string }): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  // Variables set when this runs inside a VS Code terminal would confuse the server.
  for (const key of Object.keys(base)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete base[key];
  }
  const env = options.install.env(base);
  env.XDG_CONFIG_HOME = dirs.xdgConfig;
  env.XDG_DATA_HOME = dirs.xdgData;
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

function killGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // ESRCH: the group is gone
  }
}

/** SIGTERM to the group, SIGKILL after 5 s, then SIGKILL stragglers still in the group. */
async function killAndWait(child: ChildProcess, exited: Promise<void>): Promise<void> {
  const pid = child.pid!;
  if (child.exitCode === null && child.signalCode === null) {
    killGroup(pid, 'SIGTERM');
    const timedOut = await Promise.race([exited.then(() => false), delay(5_000).then(() => true)]);
    if (timedOut) {
      killGroup(pid, 'SIGKILL');
      await exited;
    }
  }
  // Children (extension host, pty host, file watcher) may still be in the group.
  for (let i = 0; i < 50 && killGroup(pid, i < 20 ? 'SIGTERM' : 'SIGKILL'); i++) await delay(100);
}

function waitForHealthz(port: number, child: ChildProcess, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        return reject(new Error(`code-server exited (${child.signalCode ?? `exit ${child.exitCode}`}) before answering /healthz:\n${output()}`));
      }
      if (Date.now() > deadline) {
        return reject(new Error(`code-server did not answer http://127.0.0.1:${port}/healthz within ${timeoutMs} ms:\n${output()}`));
      }
      const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 1_000 }, (res) => {
        res.resume();
        if (res.statusCode === 200) resolve();
        else setTimeout(attempt, 100);
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => setTimeout(attempt, 100));
    };
    attempt();
  });
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
