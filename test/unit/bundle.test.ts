import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';

import { bundleMetafilePath, repoRoot } from '../support/repoPaths';

const heavyModule = /node_modules[\\/](dockerode|ssh2|node-forge|docker-modem)[\\/]/;

interface Metafile {
  outputs: Record<string, { inputs: Record<string, unknown>; imports: { path: string; external?: boolean }[] }>;
}

describe('bundles (dist/meta.json)', () => {
  let metafile: Metafile;
  before(async () => {
    metafile = JSON.parse(await readFile(bundleMetafilePath, 'utf8')) as Metafile;
  });

  for (const bundle of ['dist/extension.js', 'dist/cli.js']) {
    it(`${bundle} contains no code of dockerode, ssh2 or node-forge`, () => {
      const output = metafile.outputs[bundle];
      assert.ok(output, `${bundle} missing from the metafile`);
      const heavyInputs = Object.keys(output.inputs).filter((input) => heavyModule.test(input));
      assert.deepEqual(heavyInputs, []);
    });

    it(`${bundle} never requires a heavy module from node_modules (which a .vsix does not ship)`, async () => {
      const code = await readFile(path.join(repoRoot, bundle), 'utf8');
      assert.doesNotMatch(code, /require\(["'](dockerode|ssh2|node-forge)["']\)/);
    });
  }

  it('the MCP SDK is in dist/vendor/mcp-sdk.js alone, loaded by `mcp` only: no other bundle holds its code', () => {
    const sdk = /node_modules[\\/]@modelcontextprotocol[\\/]/;
    for (const bundle of ['dist/extension.js', 'dist/cli.js', 'dist/shim.js']) {
      assert.deepEqual(
        Object.keys(metafile.outputs[bundle].inputs).filter((input) => sdk.test(input)),
        [],
        bundle,
      );
    }
    assert.ok(Object.keys(metafile.outputs['dist/vendor/mcp-sdk.js'].inputs).some((input) => sdk.test(input)));
    assert.ok(metafile.outputs['dist/cli.js'].imports.some((entry) => entry.path === './vendor/mcp-sdk.js' && entry.external));
  });

  it('dist/vendor/dockerode.js shares ssh2 with dist/vendor/ssh2.js instead of bundling it twice', () => {
    const output = metafile.outputs['dist/vendor/dockerode.js'];
    assert.ok(output, 'dist/vendor/dockerode.js missing');
    assert.ok(!Object.keys(output.inputs).some((input) => /node_modules[\\/]ssh2[\\/]/.test(input)));
    assert.ok(output.imports.some((entry) => entry.path === './ssh2.js' && entry.external));
  });
});
