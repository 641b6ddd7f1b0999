import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

import { cliPath, repoRoot } from '../support/repoPaths';
import { runProcess } from '../support/runProcess';

const packageVersion = async () => JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')).version as string;

describe('CLI (dist/cli.js)', () => {
  it('prints its help with --help and exits 0', async () => {
    const result = await runProcess(process.execPath, [cliPath, '--help']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Usage: docker-context-guard COMMAND/);
  });

  it('prints its version with --version', async () => {
    const result = await runProcess(process.execPath, [cliPath, '--version']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `docker-context-guard ${await packageVersion()}\n`);
  });

  it('rejects an unknown command with exit code 2 and a message on stderr', async () => {
    const result = await runProcess(process.execPath, [cliPath, 'frobnicate']);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /unknown command 'frobnicate'/);
  });

  it('runs as an executable through its shebang', async () => {
    const result = await runProcess(cliPath, ['--version']);
    assert.equal(result.code, 0, result.stderr);
  });

  describe('as a Docker CLI plugin', () => {
    let dockerConfig: string;
    before(async () => {
      dockerConfig = await mkdtemp(path.join(os.tmpdir(), 'dcg-plugin-'));
      await mkdir(path.join(dockerConfig, 'cli-plugins'));
      await symlink(cliPath, path.join(dockerConfig, 'cli-plugins', 'docker-guard'));
    });
    after(() => rm(dockerConfig, { recursive: true, force: true }));

    const docker = (...args: string[]) => runProcess('docker', args, { env: { ...process.env, DOCKER_CONFIG: dockerConfig } });

    it('is listed by the real docker CLI with its metadata', async () => {
      const result = await docker('--help');
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /guard\*?\s+Docker contexts with a guard for remote engines/);
    });

    it('answers `docker guard --version` and `docker guard --help`', async () => {
      const version = await docker('guard', '--version');
      assert.equal(version.code, 0, version.stderr);
      assert.equal(version.stdout, `docker-context-guard ${await packageVersion()}\n`);
      const help = await docker('guard', '--help');
      assert.match(help.stdout, /^Usage: docker guard COMMAND/);
    });

    it('exits 2 for `docker guard` with an unknown command', async () => {
      const result = await docker('guard', 'frobnicate');
      assert.equal(result.code, 2);
      assert.match(result.stderr, /docker guard: unknown command 'frobnicate'/);
    });
  });
});
