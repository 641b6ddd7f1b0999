/** The CLI's ls / use / inspect against a store the real docker CLI made. */
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';

import { dockerCli } from '../support/dockerCli';
import { cliPath } from '../support/repoPaths';
import { runProcess } from '../support/runProcess';
import { writeSelfSignedPem } from '../support/selfSignedPem';
import { useTempDirs } from '../support/tempDir';

/** The certificate's end as openssl reads it, in ISO 8601. */
async function opensslNotAfter(file: string): Promise<string> {
  const result = await runProcess('openssl', ['x509', '-noout', '-enddate', '-in', file]);
  assert.equal(result.code, 0, result.stderr);
  return new Date(result.stdout.trim().replace(/^notAfter=/, '')).toISOString();
}

describe('CLI: ls, use, inspect', () => {
  const tempDir = useTempDirs('cli-contexts');
  let configDir: string;
  let pemDir: string;
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    runProcess(process.execPath, [cliPath, ...args], { env: { ...process.env, DOCKER_CONFIG: configDir, DOCKER_HOST: '', DOCKER_CONTEXT: '', ...env } });

  before(async () => {
    configDir = await tempDir();
    pemDir = await tempDir();
    await writeSelfSignedPem(pemDir);
    const docker = dockerCli(configDir);
    await docker.ok(
      'context',
      'create',
      'prod-eu',
      '--docker',
      `host=tcp://prod.example:2376,ca=${pemDir}/ca.pem,cert=${pemDir}/cert.pem,key=${pemDir}/key.pem`,
    );
    await docker.ok('context', 'create', 'build-box', '--description', 'CI', '--docker', 'host=ssh://ops@build-1');
    await docker.ok('context', 'use', 'build-box');
  });

  it('ls --json gives the documented fields, in docker context ls order', async () => {
    const result = await cli(['ls', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const listed = JSON.parse(result.stdout) as Record<string, unknown>[];
    assert.deepEqual(
      listed.map((context) => context.name),
      ['build-box', 'default', 'prod-eu'],
    );
    assert.deepEqual(listed[2], {
      name: 'prod-eu',
      current: false,
      description: '',
      host: 'tcp://prod.example:2376',
      transport: 'tls',
      tier: 'production',
      tierSource: 'name',
      skipTLSVerify: false,
      tls: { ca: true, cert: true, key: true },
      keysInSecretStorage: false,
      error: null,
      // openssl made it for one day, seconds ago: less than a whole day is left.
      certificatesExpire: { notAfter: await opensslNotAfter(path.join(pemDir, 'cert.pem')), relative: 'in less than a day' },
    });
    assert.equal(listed[0].certificatesExpire, null);
    assert.equal(listed[0].current, true);
  });

  it('ls prints a table with the current context starred, and warns when DOCKER_HOST overrides it', async () => {
    const table = await cli(['ls']);
    assert.match(table.stdout, /^NAME\s+TIER\s+TRANSPORT\s+DOCKER ENDPOINT\s+CERTIFICATES\s+ERROR$/m);
    const listed = JSON.parse((await cli(['ls', '--json'])).stdout) as { name: string; certificatesExpire: { relative: string } | null }[];
    const relative = listed.find((context) => context.name === 'prod-eu')?.certificatesExpire?.relative;
    assert.equal(relative, 'in less than a day');
    assert.match(table.stdout, new RegExp(`^prod-eu\\s+production\\s+tls\\s+tcp://prod\\.example:2376\\s+expires ${relative}$`, 'm'));
    assert.match(table.stdout, /^build-box \*\s+development\s+ssh\s+ssh:\/\/ops@build-1$/m);
    const overridden = await cli(['ls'], { DOCKER_HOST: 'unix:///tmp/other.sock' });
    assert.match(overridden.stdout, /^default \*\s+local\s+unix\s+unix:\/\/\/tmp\/other\.sock$/m);
    assert.match(overridden.stderr, /DOCKER_HOST environment variable overrides the active context/);
  });

  it('ls takes the tier rules the extension passes to terminals', async () => {
    const rules = JSON.stringify({ tiers: { 'build-*': 'staging' }, productionPatterns: [] });
    const listed = JSON.parse((await cli(['ls', '--json'], { DOCKER_CONTEXT_GUARD_TIER_RULES: rules })).stdout) as { name: string; tier: string }[];
    assert.deepEqual(
      listed.map((context) => [context.name, context.tier]),
      [
        ['build-box', 'staging'],
        ['default', 'local'],
        ['prod-eu', 'development'],
      ],
    );
  });

  it('use switches for the docker CLI; use default stores an empty currentContext', async () => {
    const result = await cli(['use', 'prod-eu']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(await dockerCli(configDir).ok('context', 'show'), /^prod-eu$/m);
    assert.equal((await cli(['use', 'default'])).code, 0);
    assert.equal(JSON.parse(await readFile(path.join(configDir, 'config.json'), 'utf8')).currentContext, '');
    await cli(['use', 'build-box']);
  });

  it('use of an unknown context exits 1 and leaves config.json untouched', async () => {
    const before = await readFile(path.join(configDir, 'config.json'), 'utf8');
    const result = await cli(['use', 'nope']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /context "nope" does not exist/);
    assert.equal(await readFile(path.join(configDir, 'config.json'), 'utf8'), before);
  });

  it('use and inspect without a name are usage errors (exit 2)', async () => {
    for (const command of ['use', 'inspect']) {
      const result = await cli([command]);
      assert.equal(result.code, 2, command);
      assert.match(result.stderr, new RegExp(`Usage: docker-context-guard ${command} NAME`));
    }
    assert.equal((await cli(['ls', '--bogus'])).code, 2);
  });

  it('inspect shows the context and where its files are, never the key', async () => {
    const result = await cli(['inspect', 'prod-eu']);
    assert.equal(result.code, 0, result.stderr);
    const inspected = JSON.parse(result.stdout) as { name: string; metadata: unknown; storage: { tlsDir: string } };
    assert.equal(inspected.name, 'prod-eu');
    assert.match(inspected.storage.tlsDir, /contexts\/tls\/[0-9a-f]{64}\/docker$/);
    const key = await readFile(path.join(pemDir, 'key.pem'), 'utf8');
    assert.ok(!result.stdout.includes(key.split('\n')[1]), 'no key material in the output');
    assert.doesNotMatch(result.stdout, /PRIVATE KEY/);
    assert.equal((await cli(['inspect', 'nope'])).code, 1);
  });
});
