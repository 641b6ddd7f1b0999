/** What the palette and the Settings editor show: one command category, settings in sections a person can find. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import { repoRoot } from '../support/repoPaths';

interface PackageJson {
  contributes: { commands: { command: string; category?: string }[]; configuration: { title: string }[] };
}

describe('package.json layout', () => {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as PackageJson;

  it('every command is in the one category "Docker Context Guard"', () => {
    assert.deepEqual([...new Set(manifest.contributes.commands.map((command) => command.category))], ['Docker Context Guard']);
  });

  it('the settings are in sections: Contexts, Guard, Engine, Certificates, Terminal', () => {
    assert.deepEqual(
      manifest.contributes.configuration.map((section) => section.title),
      ['Contexts', 'Guard', 'Engine', 'Certificates', 'Terminal'],
    );
  });
});
