/**
 * Workspace Trust: every setting of ours changes what the user sees, how hard they are asked,
 * where docker points, what is made, or how often engines are probed, so an untrusted
 * workspace may set none of them (package.json `restrictedConfigurations`, which VS Code
 * enforces). A setting added later without a decision fails here.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import { manifestSettings } from '../support/manifestSettings';
import { repoRoot } from '../support/repoPaths';

interface PackageJson {
  capabilities: { untrustedWorkspaces: { supported: string | boolean; restrictedConfigurations: string[] } };
}

describe('workspace trust', () => {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as PackageJson;

  it('an untrusted workspace can set none of our settings', () => {
    const { supported, restrictedConfigurations } = manifest.capabilities.untrustedWorkspaces;
    assert.equal(supported, 'limited');
    assert.deepEqual([...restrictedConfigurations].sort(), Object.keys(manifestSettings()).sort());
  });
});
