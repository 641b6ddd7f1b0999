/**
 * Where the server-bundle picker opens, over homes and workspaces in every arrangement: never in
 * a workspace folder, the home folder whenever it is outside them, else the nearest folder above,
 * checked against path.relative on each answer.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import { bundleFolderDefault } from '../../../src/core/certificates/bundleFolder';

const inside = (dir: string, folder: string) => !path.relative(folder, dir).startsWith('..') && !path.isAbsolute(path.relative(folder, dir));

describe('certificates: the server bundle folder default', () => {
  const homes = ['/home/me', '/home/me/', '/Users/me', '/root'];
  const workspaces = [[], ['/home/me'], ['/home'], ['/home/me/src/app'], ['/home/mee'], ['/srv/app', '/home/me'], ['/'], ['/home/me/..']];
  for (const home of homes) {
    for (const folders of workspaces) {
      it(`home ${home}, workspace ${JSON.stringify(folders)}`, () => {
        const chosen = bundleFolderDefault(home, folders);
        if (chosen === undefined) {
          assert.ok(
            folders.some((folder) => inside('/', path.resolve(folder))),
            'undefined only when even / is in the workspace',
          );
          return;
        }
        assert.ok(!folders.some((folder) => inside(chosen, path.resolve(folder))), `${chosen} is inside the workspace`);
        assert.ok(inside(path.resolve(home), chosen), `${chosen} is the home folder or above it`);
        // The nearest such folder: one step down towards home would be inside the workspace (or is home itself).
        if (chosen !== path.resolve(home)) {
          const below = path.join(chosen, path.relative(chosen, path.resolve(home)).split(path.sep)[0]);
          assert.ok(folders.some((folder) => inside(below, path.resolve(folder))));
        }
      });
    }
  }
});
