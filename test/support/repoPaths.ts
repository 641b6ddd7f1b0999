/** Absolute paths of the built artefacts that tests run, computed from this file's place in out/test/support/. */
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const cliPath = path.join(repoRoot, 'dist', 'cli.js');
export const extensionBundlePath = path.join(repoRoot, 'dist', 'extension.js');
export const bundleMetafilePath = path.join(repoRoot, 'dist', 'meta.json');
