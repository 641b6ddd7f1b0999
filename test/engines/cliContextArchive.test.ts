/**
 * `context import|export` in the CLI against the real Docker CLI: an export docker imports, written
 * 0600 in place of a planted symlink (never through it); an import docker reads back, printing the
 * tier the archive carries and the one that results; refusals exit 1 and write nothing.
 */
import * as assert from 'node:assert/strict';
import { lstat, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

import { ContextStore } from '../../src/core/contexts/contextStore';
import { dockerCli } from '../support/dockerCli';
import { cliPath } from '../support/repoPaths';
import { runProcess } from '../support/runProcess';
import { writeSelfSignedPem } from '../support/selfSignedPem';
import { useTempDirs } from '../support/tempDir';

describe('CLI: context import and export', () => {
  const tempDir = useTempDirs('cli-archive');
  const cli = (configDir: string, args: string[], cwd?: string) =>
    runProcess(process.execPath, [cliPath, ...args], { env: { ...process.env, DOCKER_CONFIG: configDir, DOCKER_HOST: '', DOCKER_CONTEXT: '' }, cwd });
  const inspect = async (configDir: string, name: string) =>
    (JSON.parse(await dockerCli(configDir).ok('context', 'inspect', name)) as Record<string, unknown>[])[0];

  async function storeWithTlsContext() {
    const configDir = await tempDir();
    const pemDir = await tempDir();
    await writeSelfSignedPem(pemDir);
    const pem = (file: string) => path.join(pemDir, file);
    await dockerCli(configDir).ok(
      'context',
      'create',
      'remote',
      '--docker',
      `host=tcp://remote.example:2376,ca=${pem('ca.pem')},cert=${pem('cert.pem')},key=${pem('key.pem')}`,
    );
    return configDir;
  }

  it('export writes what docker imports, 0600, replacing a planted symlink instead of writing through it', async () => {
    const configDir = await storeWithTlsContext();
    const outDir = await tempDir();
    const victim = path.join(outDir, 'victim');
    await writeFile(victim, 'keep me', { mode: 0o644 });
    const file = path.join(outDir, 'remote.dockercontext');
    await symlink(victim, file);
    const exported = await cli(configDir, ['context', 'export', 'remote', file]);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stderr, /contains the private TLS key of "remote"/);
    assert.equal(await readFile(victim, 'utf8'), 'keep me');
    assert.ok((await lstat(file)).isFile());
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    const theirs = await tempDir();
    await dockerCli(theirs).ok('context', 'import', 'copy', file);
    const [original, copy] = [await inspect(configDir, 'remote'), await inspect(theirs, 'copy')];
    assert.deepEqual([copy.Endpoints, copy.TLSMaterial], [original.Endpoints, original.TLSMaterial]);
  });

  it('export without a file writes NAME.dockercontext where it runs, like docker', async () => {
    const configDir = await storeWithTlsContext();
    const cwd = await tempDir();
    const exported = await cli(configDir, ['context', 'export', 'remote'], cwd);
    assert.equal(exported.code, 0, exported.stderr);
    assert.deepEqual(await readdir(cwd), ['remote.dockercontext']);
  });

  it('import prints the tier the archive carries and the stricter one that results; --keep-archive-tier keeps it', async () => {
    const source = await tempDir();
    const meta = {
      Name: 'anything',
      Metadata: { DockerContextGuard: { tier: 'local' } },
      Endpoints: { docker: { Host: 'ssh://ops@engine.example', SkipTLSVerify: false } },
    };
    // docker itself writes the archive, of a context it made and this extension marked.
    await dockerCli(source).ok('context', 'create', 'anything', '--docker', 'host=ssh://ops@engine.example');
    await writeFile(new ContextStore(source, {}).metaFileOf('anything'), JSON.stringify(meta));
    const file = path.join(source, 'carries-local.dockercontext');
    await dockerCli(source).ok('context', 'export', 'anything', file);

    const configDir = await tempDir();
    const imported = await cli(configDir, ['context', 'import', file, '--name', 'prod-eu']);
    assert.equal(imported.code, 0, imported.stderr);
    assert.equal(imported.stdout, 'prod-eu\n');
    assert.match(imported.stderr, /^Archive tier: local$/m);
    assert.match(imported.stderr, /^Tier: production \(from name\)$/m);
    assert.match(imported.stderr, /laxer than "production" and was not kept/);
    assert.deepEqual((await inspect(configDir, 'prod-eu')).Metadata, {});

    const kept = await cli(configDir, ['context', 'import', file, '--name', 'prod-us', '--keep-archive-tier']);
    assert.equal(kept.code, 0, kept.stderr);
    assert.match(kept.stderr, /^Tier: local \(from metadata\)$/m);
    assert.deepEqual((await inspect(configDir, 'prod-us')).Metadata, { DockerContextGuard: { tier: 'local' } });

    const byArchiveName = await cli(configDir, ['context', 'import', file]);
    assert.equal(byArchiveName.stdout, 'anything\n', byArchiveName.stderr);
  });

  it('import refuses what the sidebar refuses, exit 1, writing nothing; usage errors exit 2', async () => {
    const configDir = await tempDir();
    const bad = path.join(configDir, 'bad.dockercontext');
    await writeFile(bad, 'not an archive');
    const refused = await cli(configDir, ['context', 'import', bad, '--name', 'x1']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /neither a tar nor a zip/);
    assert.deepEqual(await readdir(configDir), ['bad.dockercontext']);
    assert.equal((await cli(configDir, ['context', 'import'])).code, 2);
    assert.equal((await cli(configDir, ['context', 'frobnicate'])).code, 2);
    assert.equal((await cli(configDir, ['context', 'export', 'nope', path.join(configDir, 'out')])).code, 1);
  });
});
