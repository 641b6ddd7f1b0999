// Shared first step of `npm test`, `npm start` and `npm run bench` on any machine, fresh or not:
// install the npm dependencies when they are missing or stale, then build the bundles (dist/)
// and compile the tests, tools and benchmarks (out/). Plain Node, no dependencies of its own.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = dirname(dirname(fileURLToPath(import.meta.url)));

function run(command, args) {
  console.log(`> ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`'${command} ${args.join(' ')}' failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}

function dependenciesAreCurrent() {
  const installed = join(repoRoot, 'node_modules', '.package-lock.json');
  return existsSync(installed) && statSync(installed).mtimeMs >= statSync(join(repoRoot, 'package-lock.json')).mtimeMs;
}

/** Installs dependencies if needed, builds dist/ and out/; with `lint`, also runs ESLint and Prettier's check (as `npm run lint`). */
export function prepare({ lint = false } = {}) {
  if (!dependenciesAreCurrent()) run('npm', ['ci']);
  run(process.execPath, ['esbuild.config.mjs']);
  // A fresh out/: a test whose source was deleted or moved must not keep running from a stale copy.
  rmSync(join(repoRoot, 'out'), { recursive: true, force: true });
  run(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.']);
  if (lint) {
    run(process.execPath, [join(repoRoot, 'node_modules', 'eslint', 'bin', 'eslint.js'), '.']);
    run(process.execPath, [join(repoRoot, 'node_modules', 'prettier', 'bin', 'prettier.cjs'), '--check', '--log-level', 'warn', '.']);
  }
}

// `node scripts/prepare.mjs` on its own (npm run screenshot uses it).
if (process.argv[1] === fileURLToPath(import.meta.url)) prepare();
