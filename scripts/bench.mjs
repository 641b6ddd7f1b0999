// `npm run bench`: prepares the checkout (see prepare.mjs), then runs bench/*.bench.ts on the
// real engines of the test harness and prints one `BENCH …` line per benchmark.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { prepare, repoRoot } from './prepare.mjs';

prepare();
const result = spawnSync(process.execPath, [join(repoRoot, 'out', 'bench', 'run.js'), ...process.argv.slice(2)], {
  cwd: repoRoot,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
