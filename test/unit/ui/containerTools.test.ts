/**
 * Keeping Container Tools in step without editing a team's settings behind its back: the plan
 * over every combination of what the settings hold, what we wrote and what the window wants
 * (never a change to a value we did not write, never production into a committed file), and
 * the git work-tree test against git itself (`git rev-parse --is-inside-work-tree`) over
 * repositories, subfolders, linked worktrees, separate git dirs and plain folders.
 */
import * as assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';

import { insideGitWorkTree } from '../../../src/core/gitWorkTree';
import { type ContainerToolsFacts, planContainerTools } from '../../../src/ui/state/containerToolsPlan';
import { runProcess } from '../../support/runProcess';
import { useTempDirs } from '../../support/tempDir';

describe('Container Tools sync: the plan', () => {
  const values = [undefined, 'dev', 'other', 'prod-eu'];
  const combinations: ContainerToolsFacts[] = values.flatMap((current) =>
    values.flatMap((written) =>
      values.flatMap((wanted) => [false, true].flatMap((committed) => [{ current, written, wanted, wantedIsProduction: wanted === 'prod-eu', committed }])),
    ),
  );

  it('never changes or removes a value it did not write, and never writes production into a committed file', () => {
    for (const facts of combinations) {
      const plan = planContainerTools(facts);
      const after = plan.action === 'set' ? plan.value : plan.action === 'remove' ? undefined : facts.current;
      const what = JSON.stringify(facts);
      if (facts.current !== undefined && facts.current !== facts.written) assert.equal(after, facts.current, what);
      if (facts.committed && after === 'prod-eu')
        assert.equal(plan.action, 'leave', `${what}: a value it wrote into a committed file stays only when it was there already and not ours`);
      if (facts.committed && after === 'prod-eu') assert.notEqual(facts.current, facts.written, what);
      if (plan.action === 'set') assert.notEqual(plan.value, facts.current, what);
    }
  });

  it('keeps in step whenever the value is ours or absent: the window context, or nothing', () => {
    for (const facts of combinations) {
      if (facts.current !== undefined && facts.current !== facts.written) continue;
      const plan = planContainerTools(facts);
      const after = plan.action === 'set' ? plan.value : plan.action === 'remove' ? undefined : facts.current;
      const expected = facts.wantedIsProduction && facts.committed ? undefined : facts.wanted;
      assert.equal(after, expected, JSON.stringify(facts));
    }
  });
});

describe('Container Tools sync: is a folder in a git work tree?', () => {
  const tempDir = useTempDirs('gitworktree');

  async function git(cwd: string, ...args: string[]): Promise<string> {
    const result = await runProcess('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd });
    return result.stdout.trim() || result.stderr.trim();
  }

  it('answers as git rev-parse --is-inside-work-tree does', async () => {
    const root = await tempDir();
    const repo = path.join(root, 'repo');
    const plain = path.join(root, 'plain', 'deep');
    const separate = path.join(root, 'separate');
    await mkdir(path.join(repo, 'a', 'b', '.vscode'), { recursive: true });
    await mkdir(plain, { recursive: true });
    await mkdir(separate);
    await git(repo, 'init', '-q');
    await git(repo, 'commit', '-q', '--allow-empty', '-m', 'first');
    await git(repo, 'worktree', 'add', '-q', path.join(root, 'linked'));
    await git(separate, 'init', '-q', '--separate-git-dir', path.join(root, 'separate.git'));
    const folders = [
      root,
      repo,
      path.join(repo, 'a', 'b', '.vscode'),
      path.join(repo, '.git'),
      path.join(repo, '.git', 'refs'),
      path.join(root, 'linked'),
      separate,
      path.join(root, 'separate.git'),
      plain,
    ];
    for (const folder of folders) {
      const answer = await git(folder, 'rev-parse', '--is-inside-work-tree');
      const gitSays = answer === 'true';
      assert.ok(gitSays || answer === 'false' || /not a git repository/.test(answer), `git said ${answer} in ${folder}`);
      assert.equal(await insideGitWorkTree(folder), gitSays, folder);
    }
  });
});
