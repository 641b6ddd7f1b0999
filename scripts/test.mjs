// `npm test [-- SUITE…]`: prepares the checkout (see prepare.mjs), then runs the suites
// (unit, engines, integration; all by default) against real engines and a real VS Code.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { prepare, repoRoot } from './prepare.mjs';

prepare({ lint: true });
const result = spawnSync(process.execPath, [join(repoRoot, 'out', 'test', 'run.js'), ...process.argv.slice(2)], {
  cwd: repoRoot,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
