/**
 * An endpoint written with a password (`tcp://admin:pw@host`, `ssh://ops:pw@host`) never shows
 * it: not in an engine error (which reaches notifications and the log), not in `ls`.
 */
import * as assert from 'node:assert/strict';

import { toEngineError } from '../../src/core/engine/engineErrors';
import { dockerCli } from '../support/dockerCli';
import { cliPath } from '../support/repoPaths';
import { runProcess } from '../support/runProcess';
import { useTempDirs } from '../support/tempDir';

describe('endpoint passwords stay out of messages', () => {
  const tempDir = useTempDirs('endpoint-secrets');

  it('engine errors name the endpoint without its password', () => {
    for (const code of ['ECONNREFUSED', 'ETIMEDOUT', 'ENOTFOUND']) {
      const error = toEngineError(Object.assign(new Error(code), { code }), { contextName: 'edge', host: 'tcp://admin:hunter2@127.0.0.1:9' }, 5000);
      assert.doesNotMatch(error.message, /hunter2/, error.message);
      assert.match(error.message, /127\.0\.0\.1:9/);
    }
  });

  it('ls shows the endpoint without its password, in the table and in JSON', async () => {
    const configDir = await tempDir();
    await dockerCli(configDir).ok('context', 'create', 'edge', '--docker', 'host=tcp://admin:hunter2@127.0.0.1:9');
    const env = { ...process.env, DOCKER_CONFIG: configDir, DOCKER_HOST: '', DOCKER_CONTEXT: '' };
    for (const args of [['ls'], ['ls', '--json']]) {
      const result = await runProcess(process.execPath, [cliPath, ...args], { env });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /127\.0\.0\.1:9/);
      assert.doesNotMatch(result.stdout + result.stderr, /hunter2/);
    }
  });
});
