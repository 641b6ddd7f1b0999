/**
 * Opens a code-server workbench in Debian's Chromium (driven by playwright-core) and, for test
 * runs, waits for the extension host to report the suite's result.
 *
 * Why: code-server's workbench is the only VS Code front end we can run offline. When the server
 * has `enable-smoke-test-driver` (codeServer.ts `testDriver`; that workbench shows no notification
 * toasts, so never for people), the page honours a `payload` query parameter (the same options
 * `@vscode/test-electron` passes on the command line) and reports back through two functions we
 * expose on `window`: `codeAutomationLog(type, args)` (mocha's reporter output and the extension
 * host's console) and `codeAutomationExit(code, logs)` (0 = suite passed). playwright-core never
 * downloads a browser here; it drives /usr/bin/chromium.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';

import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags that work for Debian's Chromium on these machines (from the recipe). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** The part of a started code-server this module needs. */
export interface WorkbenchServer {
  /** `http://127.0.0.1:PORT/` */
  readonly url: string;
  /** `127.0.0.1:PORT` */
  readonly authority: string;
}

export interface WorkbenchUrlOptions {
  server: WorkbenchServer;
  /** Absolute path of the folder to open (on the server's machine). */
  folder?: string;
  /** Absolute path of an extension to load as a development extension. */
  extensionDevelopmentPath?: string;
  /** Absolute path of the tests module (exports `run(): Promise<void>`); makes the page a test run. */
  extensionTestsPath?: string;
  /** Environment variables added to the extension host's environment. */
  extensionEnvironment?: Record<string, string>;
  /** Skip the welcome page (default true). Like every payload entry, read only by a `testDriver` server. */
  skipWelcome?: boolean;
}

/** `http://127.0.0.1:PORT/?folder=…&payload=…` for the given options. */
export function workbenchUrl(o: WorkbenchUrlOptions): string {
  const remote = (p: string) => `vscode-remote://${o.server.authority}${path.resolve(p)}`;
  const payload: Array<[string, string]> = [];
  if (o.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(o.extensionDevelopmentPath)]);
  if (o.extensionTestsPath) payload.push(['extensionTestsPath', remote(o.extensionTestsPath)]);
  if (o.extensionEnvironment && Object.keys(o.extensionEnvironment).length > 0) {
    payload.push(['extensionEnvironment', JSON.stringify(o.extensionEnvironment)]);
  }
  if (o.skipWelcome ?? true) payload.push(['skipWelcome', 'true']);
  const query = new URLSearchParams();
  if (o.folder) query.set('folder', path.resolve(o.folder));
  if (payload.length > 0) query.set('payload', JSON.stringify(payload));
  return `${o.server.url.replace(/\/?$/, '/')}?${query.toString()}`;
}

/**
 * Lines the workbench always prints here and that say nothing about the extension: connection
 * chatter, and errors from the network being closed (open-vsx, GitHub sign-in).
 */
const WORKBENCH_NOISE: RegExp[] = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket \(/,
  /^\[(reconnection-grace-time|Service Worker|AgentHost:remote|AccountPolicyGate)\]/,
  /^Updating additional builtin extensions cache/,
  /ENOTFOUND (open-vsx\.org|github\.com|api\.github\.com|[\w.-]*\.vscode-cdn\.net|[\w.-]*\.visualstudio\.com)/,
  /^Timed out waiting for authentication provider 'github'/,
  /^Creation of workbench contribution '[^']*' took \d+ms\.$/, // slow-start notices on a busy machine
  /^Canceled: Canceled: Canceled$/m, // account lookups cut short when the extension host exits
];

/** True for a workbench log line known to be harmless here (see WORKBENCH_NOISE). */
export function isWorkbenchNoise(text: string): boolean {
  return WORKBENCH_NOISE.some((re) => re.test(text));
}

export interface RunExtensionTestsOptions extends WorkbenchUrlOptions {
  extensionTestsPath: string;
  /** Hard limit for the whole run (default 10 minutes); reaching it is a failure (exit code 1). */
  timeoutMs?: number;
  /** Receives each log line from the page (default: printed to stdout, minus isWorkbenchNoise lines). */
  onLog?: (type: string, text: string) => void;
  /** Where to write the workbench's and extension host's log files when the run fails or times out. */
  failureLogsDir?: string;
}

/** Loads the workbench as a test run and resolves with the suite's exit code (0 = passed). */
export async function runExtensionTestsInBrowser(o: RunExtensionTestsOptions): Promise<number> {
  const timeoutMs = o.timeoutMs ?? 10 * 60_000;
  const onLog =
    o.onLog ??
    ((_type: string, text: string) => {
      if (!isWorkbenchNoise(text)) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    });
  const browser = await launchChromium({ headless: true });
  let timer: NodeJS.Timeout | undefined;
  try {
    const page = await browser.context.newPage();
    let reportExit!: (r: { code: number; logs: unknown }) => void;
    const exited = new Promise<{ code: number; logs: unknown }>((resolve) => (reportExit = resolve));
    await page.exposeFunction('codeAutomationLog', (type: unknown, args: unknown) => {
      onLog(String(type), Array.isArray(args) ? format(...(args as unknown[])) : format(args));
    });
    await page.exposeFunction('codeAutomationExit', (code: unknown, logs: unknown) => {
      reportExit({ code: typeof code === 'number' ? code : 1, logs });
    });
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const crashed = new Promise<'crash'>((resolve) => page.once('crash', () => resolve('crash')));

    await page.goto(workbenchUrl(o), { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const result = await Promise.race([exited, timedOut, crashed]);
    if (result === 'timeout' || result === 'crash') {
      const why =
        result === 'timeout'
          ? `the extension tests did not report a result within ${Math.round(timeoutMs / 1000)} s ` +
            '(is the server started with testDriver, i.e. --vscode-option enable-smoke-test-driver? does the tests module export run()?)'
          : 'the browser page crashed';
      onLog('error', `[runInBrowser] FAILED: ${why}`);
      if (o.failureLogsDir) {
        mkdirSync(o.failureLogsDir, { recursive: true });
        const shot = path.join(o.failureLogsDir, 'workbench.png');
        await page.screenshot({ path: shot }).then(
          () => onLog('error', `[runInBrowser] screenshot of the workbench: ${shot}`),
          () => undefined,
        );
      }
      return 1;
    }
    if (result.code !== 0 && o.failureLogsDir && writeLogs(o.failureLogsDir, result.logs) > 0) {
      onLog('error', `[runInBrowser] workbench and extension host logs: ${o.failureLogsDir}`);
    }
    return result.code;
  } finally {
    clearTimeout(timer);
    await browser.close();
  }
}

/** Writes the `{ relativePath, contents }[]` logs that codeAutomationExit receives; returns how many. */
function writeLogs(dir: string, logs: unknown): number {
  if (!Array.isArray(logs)) return 0;
  let written = 0;
  for (const entry of logs as Array<{ relativePath?: unknown; contents?: unknown }>) {
    if (typeof entry?.relativePath !== 'string' || typeof entry.contents !== 'string') continue;
    const file = path.join(dir, path.normalize(entry.relativePath).replace(/^(\.\.(\/|$))+/, ''));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, entry.contents);
    written++;
  }
  return written;
}

export interface LaunchedBrowser {
  readonly context: BrowserContext;
  /** Resolves when the browser goes away (closed by the user or by close()). */
  readonly closed: Promise<void>;
  /** Closes the browser and removes its profile. Safe to call more than once. */
  close(): Promise<void>;
}

/** Profiles of browsers not closed yet, removed if the process exits first. */
const liveProfiles = new Set<string>();
let exitHookInstalled = false;

/** Debian Chromium with a fresh profile; headless unless told otherwise. */
export async function launchChromium(options: { headless?: boolean } = {}): Promise<LaunchedBrowser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'dcg-chromium-'));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // playwright kills the browser on exit; the profile is ours to remove.
    process.on('exit', () => liveProfiles.forEach((p) => rmSync(p, { recursive: true, force: true })));
  }
  liveProfiles.add(profile);
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: options.headless ?? true,
      args: CHROMIUM_ARGS,
      viewport: options.headless === false ? null : { width: 1400, height: 900 },
      // Signals are the caller's: its handler closes the browser and the server in order.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (err) {
    liveProfiles.delete(profile);
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
  const closed = new Promise<void>((resolve) => context.once('close', () => resolve()));
  let closing: Promise<void> | undefined;
  return {
    context,
    closed,
    close: () =>
      (closing ??= (async () => {
        await context.close().catch(() => undefined);
        liveProfiles.delete(profile);
        rmSync(profile, { recursive: true, force: true });
      })()),
  };
}

/** Opens the workbench for a person to use (for `npm start`); the browser stays until closed. */
export async function openWorkbenchWindow(url: string, options: { headless?: boolean } = {}): Promise<LaunchedBrowser> {
  const browser = await launchChromium({ headless: options.headless ?? false });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  return browser;
}
