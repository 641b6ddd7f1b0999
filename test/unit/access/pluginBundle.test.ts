/**
 * What Enforce Access uploads (pluginBundle.ts), read by the host's own tool: GNU tar lists
 * cli.js and every vendor module the CLI requires lazily, no source map, and unpacks them byte for
 * byte; the unpacked cli.js runs (`--version`) with its modules beside it.
 */
import * as assert from 'node:assert/strict';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

import { pluginBundle } from '../../../src/core/access/pluginBundle';
import { cliPath } from '../../support/repoPaths';
import { runProcess } from '../../support/runProcess';
import { useTempDirs } from '../../support/tempDir';

describe('plugin bundle: the CLI and its modules as one tar', () => {
  const tempDir = useTempDirs('plugin-bundle');
  const distDir = path.dirname(cliPath);

  it('holds cli.js and vendor/*.js as tar lists and unpacks them, and the unpacked CLI runs', async () => {
    const dir = await tempDir();
    const tarFile = path.join(dir, 'bundle.tar');
    await writeFile(tarFile, await pluginBundle(distDir));
    const listed = await runProcess('tar', ['-tf', tarFile]);
    assert.equal(listed.code, 0, listed.stderr);
    const vendor = (await readdir(path.join(distDir, 'vendor'))).filter((name) => name.endsWith('.js')).sort();
    assert.ok(vendor.includes('node-forge.js'), 'the plugin reads certificates with node-forge');
    assert.deepEqual(
      listed.stdout
        .trim()
        .split('\n')
        .map((name) => name.replace(/\/$/, '')),
      ['cli.js', 'vendor', ...vendor.map((name) => `vendor/${name}`)],
    );
    const out = path.join(dir, 'out');
    await mkdir(out);
    const unpacked = await runProcess('tar', ['-xf', tarFile, '-C', out]);
    assert.equal(unpacked.code, 0, unpacked.stderr);
    for (const name of ['cli.js', ...vendor.map((each) => `vendor/${each}`)])
      assert.ok((await readFile(path.join(out, name))).equals(await readFile(path.join(distDir, name))), name);
    const version = await runProcess(process.execPath, [path.join(out, 'cli.js'), '--version']);
    assert.equal(version.code, 0, version.stderr);
  });
});
