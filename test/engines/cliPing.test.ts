/**
 * `ping` in the CLI against the real engines: table and JSON, exit codes, SSH's unknown-host
 * refusal, and DOCKER_HOST with the TLS variables (which serve the default context only).
 */
import * as assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';

import { dockerCli } from '../support/dockerCli';
import { loadHarnessInfo } from '../support/harnessInfo';
import { freePort } from '../support/ports';
import { cliPath } from '../support/repoPaths';
import { runProcess } from '../support/runProcess';
import { useTempDirs } from '../support/tempDir';
import { generateTlsMaterial } from '../support/tlsCerts';

interface PingJson {
  name: string;
  reachable: boolean;
  latencyMs: number | null;
  serverVersion: string | null;
  apiVersion: string | null;
  os: string | null;
  arch: string | null;
  error: string | null;
}

describe('CLI: ping', () => {
  const info = loadHarnessInfo();
  const tempDir = useTempDirs('cli-ping');
  let configDir: string;
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    runProcess(process.execPath, [cliPath, ...args], { env: { ...process.env, DOCKER_CONFIG: configDir, DOCKER_HOST: '', DOCKER_CONTEXT: '', ...env } });

  before(async () => {
    configDir = await tempDir();
    const docker = dockerCli(configDir);
    const pem = (file: string) => path.join(info.tls.clientDir, file);
    await docker.ok('context', 'create', 'secure', '--docker', `host=${info.tls.host},ca=${pem('ca.pem')},cert=${pem('cert.pem')},key=${pem('key.pem')}`);
    await docker.ok('context', 'create', 'laptop', '--docker', `host=${info.local.host}`);
    await docker.ok('context', 'create', 'gone', '--docker', `host=tcp://127.0.0.1:${await freePort()}`);
    await docker.ok('context', 'create', 'over-ssh', '--docker', `host=${info.ssh.host}`);
    await docker.ok('context', 'use', 'laptop');
  });

  it('pings the current context by default, as a table, exit 0', async () => {
    const result = await cli(['ping']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^NAME\s+REACHABLE\s+LATENCY\s+VERSION\s+API\s+OS\/ARCH\s+ERROR$/m);
    assert.match(result.stdout, /^laptop\s+yes\s+[\d.]+ ms\s+\d+\.\d+/m);
  });

  it('gives the documented JSON fields, exit 1 when any asked-for context is unreachable', async () => {
    const result = await cli(['ping', 'secure', 'gone', '--json', '--timeout', '2000']);
    assert.equal(result.code, 1);
    const [secure, gone] = JSON.parse(result.stdout) as PingJson[];
    assert.deepEqual(Object.keys(secure), ['name', 'reachable', 'latencyMs', 'serverVersion', 'apiVersion', 'os', 'arch', 'error']);
    assert.deepEqual([secure.name, secure.reachable, secure.os, secure.error], ['secure', true, 'linux', null]);
    assert.deepEqual([gone.name, gone.reachable], ['gone', false]);
    assert.match(gone.error ?? '', /refused/);
  });

  it('reaches the SSH engine through known_hosts, and refuses it, with the fingerprint, when the host is unknown', async () => {
    const known = await cli(['ping', 'over-ssh', '--json'], { HOME: info.home });
    assert.equal(known.code, 0, known.stdout + known.stderr);
    const emptyHome = await tempDir();
    const unknown = await cli(['ping', 'over-ssh', '--json'], { HOME: emptyHome, SSH_AUTH_SOCK: '' });
    assert.equal(unknown.code, 1);
    assert.ok(unknown.stderr.includes(info.ssh.hostKeyFingerprint), unknown.stderr);
    assert.match((JSON.parse(unknown.stdout) as PingJson[])[0].error ?? '', /SHA256:/);
  });

  it("reaches the TLS engine through DOCKER_HOST with the docker CLI's TLS variables, and says which are missing", async () => {
    // `:PORT`, which docker reads as tcp://localhost:PORT (the harness certificate names localhost).
    const host = `:${info.tls.port}`;
    const withTls = await cli(['ping', '--json'], { DOCKER_HOST: host, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: info.tls.clientDir });
    assert.equal(withTls.code, 0, withTls.stdout + withTls.stderr);
    const withoutTls = await cli(['ping', '--json'], { DOCKER_HOST: host });
    assert.equal(withoutTls.code, 1);
    assert.match(
      (JSON.parse(withoutTls.stdout) as PingJson[])[0].error ?? '',
      /\(tcp:\/\/localhost:\d+\) expects TLS: set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH/,
    );
  });

  it('reaches a named context with its own certificates whatever DOCKER_HOST and DOCKER_CERT_PATH say', async () => {
    const foreign = await tempDir();
    await Promise.all(['server', 'client'].map((dir) => mkdir(path.join(foreign, dir))));
    await generateTlsMaterial(foreign, path.join(foreign, 'server'), path.join(foreign, 'client'));
    const foreignEnv = { DOCKER_HOST: info.tls.host, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: path.join(foreign, 'client'), DOCKER_CLIENT_TIMEOUT: '1' };
    const named = await cli(['ping', 'secure', '--json'], foreignEnv);
    assert.equal(named.code, 0, named.stdout + named.stderr);
    const implicit = await cli(['ping', '--json'], foreignEnv);
    assert.match((JSON.parse(implicit.stdout) as PingJson[])[0].error ?? '', /did not sign/);
    const withoutFiles = await cli(['ping', 'secure', '--json'], { ...foreignEnv, DOCKER_CERT_PATH: path.join(foreign, 'nothing-here') });
    assert.equal(withoutFiles.code, 0, withoutFiles.stdout + withoutFiles.stderr);
  });

  it('rejects unknown names (exit 1) and bad options (exit 2)', async () => {
    assert.equal((await cli(['ping', 'nope'])).code, 1);
    assert.equal((await cli(['ping', '--timeout', 'soon'])).code, 2);
    assert.equal((await cli(['ping', '--all', 'laptop'])).code, 2);
  });

  it('--all pings every context and exits 1 when one is down', async () => {
    const result = await cli(['ping', '--all', '--json', '--timeout', '2000'], { HOME: info.home });
    assert.equal(result.code, 1);
    // (default is left out: it is whatever engine this machine may run at /var/run/docker.sock.)
    const names = (JSON.parse(result.stdout) as PingJson[]).filter((entry) => entry.name !== 'default').map((entry) => [entry.name, entry.reachable]);
    assert.deepEqual(names, [
      ['gone', false],
      ['laptop', true],
      ['over-ssh', true],
      ['secure', true],
    ]);
  });
});
