/**
 * The command table as data: every option spec compiles (a typo would only show when someone
 * typed that command), every entry is consistent, and the reads the `docker` launcher lets
 * through without starting the guard are reads by the table's own account.
 */
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';

import { classifyDockerArgs } from '../../../src/core/guard/classifyDockerArgs';
import { type DockerCommand, type DockerCommandGroup, dockerCommandTable, isCommandGroup } from '../../../src/core/guard/dockerCommandTable';
import { compileOptions } from '../../../src/core/guard/dockerOptions';
import { repoRoot } from '../../support/repoPaths';

function* entries(group: DockerCommandGroup, prefix: string[] = []): Generator<[string[], DockerCommand | DockerCommandGroup]> {
  for (const [name, entry] of Object.entries(group.commands)) {
    yield [[...prefix, name], entry];
    if (isCommandGroup(entry)) yield* entries(entry, [...prefix, name]);
  }
}

describe('docker command table', () => {
  it('every option spec compiles, with no option listed twice', () => {
    const specs = [dockerCommandTable.options, ...[...entries(dockerCommandTable)].map(([, entry]) => entry.options)];
    for (const spec of specs) {
      const options = compileOptions(spec ?? '');
      const longs = options.map((option) => option.long);
      const shorts = options.flatMap((option) => (option.short ? [option.short] : []));
      assert.equal(new Set(longs).size, longs.length, `duplicate long option in "${spec}"`);
      assert.equal(new Set(shorts).size, shorts.length, `duplicate short option in "${spec}"`);
    }
  });

  it('every command classifies as itself when typed without arguments', () => {
    for (const [words, entry] of entries(dockerCommandTable)) {
      if (isCommandGroup(entry)) continue;
      const result = classifyDockerArgs(words);
      assert.equal(result.class, entry.class, words.join(' '));
      assert.equal(result.operation, entry.operation, words.join(' '));
    }
  });

  it('the launcher lets through without the guard only commands the table classes as read', async () => {
    const launcher = await readFile(path.join(repoRoot, 'media', 'shim', 'docker'), 'utf8');
    const pattern = /^\s*(ps [a-zA-Z_|\s\\-]+)\)\s*\n\s*exec "\$real_docker" "\$@"/m.exec(launcher);
    assert.ok(pattern, 'the fast-path case pattern was not found in media/shim/docker');
    const words = pattern[1].split('|').map((word) => word.replace(/\\\n/, '').trim());
    assert.ok(words.length >= 10, words.join(' '));
    for (const word of words) {
      assert.equal(classifyDockerArgs([word]).class, 'read', word);
      assert.equal(classifyDockerArgs([word, '--format', 'json', 'some', 'target']).class, 'read', word);
      assert.equal(classifyDockerArgs([word, 'rm', '-f', 'target']).class, 'read', word);
    }
    // Alone, and only alone.
    assert.match(launcher, /^\s*0:\* \| 1:-v \| 1:--version\) exec "\$real_docker" ;;$/m);
    for (const word of ['-v', '--version']) {
      assert.equal(classifyDockerArgs([word]).class, 'read', word);
      assert.equal(classifyDockerArgs([word, 'rm', 'x']).class, 'destroy', word);
    }
  });
});
