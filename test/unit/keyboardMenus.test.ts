/**
 * Everything works from the keyboard: an inline button on a tree row is reached only by mouse
 * hover, so every inline action must also be in the row's context menu (Shift+F10, the menu key),
 * under the same condition.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import { repoRoot } from '../support/repoPaths';

interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}

describe('keyboard: tree actions', () => {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { contributes: { menus: Record<string, MenuEntry[]> } };
  const rowMenu = manifest.contributes.menus['view/item/context'];
  const inline = (entry: MenuEntry) => (entry.group ?? '').split('@')[0] === 'inline';

  it('every inline action of a row is in its context menu too, under the same condition', () => {
    const buttons = rowMenu.filter(inline);
    assert.ok(buttons.length > 0, 'no inline actions found: the manifest changed shape');
    const inMenu = new Set(rowMenu.filter((entry) => !inline(entry)).map((entry) => `${entry.command} when ${entry.when}`));
    assert.deepEqual(
      buttons.map((entry) => `${entry.command} when ${entry.when}`).filter((key) => !inMenu.has(key)),
      [],
    );
  });
});
