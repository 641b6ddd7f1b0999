/** dist/shim.js runs before every guarded docker command: it must stay small and never load the engine clients. */
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { bundleMetafilePath } from '../../support/repoPaths';

interface Metafile {
  outputs: Record<string, { bytes: number; inputs: Record<string, unknown>; imports: { path: string }[] }>;
}

describe('dist/shim.js', () => {
  it('bundles only our core: no dockerode, ssh2, node-forge or vscode, nothing loaded lazily, under 150 KB', async () => {
    const shim = (JSON.parse(await readFile(bundleMetafilePath, 'utf8')) as Metafile).outputs['dist/shim.js'];
    assert.ok(shim, 'dist/shim.js missing from the metafile');
    assert.deepEqual(
      Object.keys(shim.inputs).filter((input) => !input.startsWith('src/')),
      [],
    );
    assert.deepEqual(
      shim.imports.filter((entry) => !entry.path.startsWith('node:')),
      [],
    );
    assert.ok(shim.bytes < 150_000, `${shim.bytes} bytes`);
  });
});
