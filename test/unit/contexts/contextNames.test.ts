/**
 * The one new-context-name check, differentially against `docker context create`: over a corpus
 * of odd names, in a fresh store and again once each accepted name exists, our check refuses
 * exactly what docker refuses, in docker's words (Go's %q quoting included). A suggested name is
 * one docker then creates.
 */
import * as assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

import { contextNameProblem, newContextNameProblem, suggestContextName } from '../../../src/core/contexts/contextNames';
import { ContextStore } from '../../../src/core/contexts/contextStore';
import { dockerCli } from '../../support/dockerCli';
import { useTempDirs } from '../../support/tempDir';

const corpus = [
  'ab',
  'prod-eu',
  'A.b_c+d-e',
  '0x',
  '00',
  'a..',
  'x+',
  'Default',
  'DEFAULT',
  'default',
  'default-2',
  '',
  'a',
  '-ab',
  '_ab',
  '.ab',
  '+ab',
  'a b',
  'a/b',
  'a\\b',
  'a"b',
  "a'b",
  'a\tb',
  'a\nb',
  'a\u007fb',
  'a\u0001b',
  'é1',
  'pr\u043ed',
  'pro\u200bd',
  'a\u00a0b',
  'a\u2028b',
  'a😀b',
  '日本',
  'a:b',
  'a@b',
  'a%b',
  'a*b',
  'a~b',
  'ab ',
  ' ab',
  'x'.repeat(300),
];

/** What docker says creating `name` (its stderr's last line), or undefined when it created it. */
async function dockerRefusal(docker: ReturnType<typeof dockerCli>, name: string): Promise<string | undefined> {
  const result = await docker.run('context', 'create', '--docker', 'host=unix:///x', '--', name);
  return result.code === 0 ? undefined : result.stderr.trim().split('\n').pop();
}

describe('contexts: the new-name check', () => {
  const tempDir = useTempDirs('context-names');

  it('refuses exactly what docker context create refuses, in its words, and again once the names exist', async () => {
    const configDir = await tempDir();
    const docker = dockerCli(configDir);
    const store = new ContextStore(configDir);
    for (const round of ['fresh', 'taken']) {
      for (const name of corpus) {
        const ours = (await newContextNameProblem(store, name))?.message;
        assert.equal(ours, await dockerRefusal(docker, name), `${round}: ${JSON.stringify(name)}`);
      }
    }
    const reasons = await Promise.all(['ab', 'a b'].map(async (name) => (await newContextNameProblem(store, name))?.reason));
    assert.deepEqual(reasons, ['exists', 'invalidName']);
  });

  it('counts a meta.json docker cannot read as taken, as docker does', async () => {
    const configDir = await tempDir();
    const store = new ContextStore(configDir);
    await mkdir(path.dirname(store.metaFileOf('broken')), { recursive: true });
    await writeFile(store.metaFileOf('broken'), '{not json');
    assert.notEqual(await dockerRefusal(dockerCli(configDir), 'broken'), undefined);
    assert.equal((await newContextNameProblem(store, 'broken'))?.reason, 'exists');
  });

  it('suggests a free name docker creates, whatever it is asked for', async () => {
    const configDir = await tempDir();
    const docker = dockerCli(configDir);
    const store = new ContextStore(configDir);
    for (const wanted of [...corpus, 'prod-eu', 'prod-eu', 'ab']) {
      const suggested = await suggestContextName(store, wanted);
      assert.equal(contextNameProblem(suggested), undefined, suggested);
      assert.equal(await dockerRefusal(docker, suggested), undefined, `suggested ${JSON.stringify(suggested)} for ${JSON.stringify(wanted)}`);
    }
    const fresh = new ContextStore(await tempDir());
    assert.deepEqual(await Promise.all(['prod-eu', 'default', 'a b', '', '-'].map((wanted) => suggestContextName(fresh, wanted))), [
      'prod-eu',
      'default-2',
      'a-b',
      'context',
      'context',
    ]);
  });
});
