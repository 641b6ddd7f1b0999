/**
 * The gateway guards what reaches the engine, whoever sends it: a removal on a guarded context is
 * refused headless (403, "Error response from daemon: …" naming the operation, context, tier and
 * an elevation) and the container is still there; after an elevation it goes through, audited
 * with the engine's status. The oracles: the engine itself (each raw spelling of a removal, sent
 * directly, does remove a container) and a recording proxy behind the gateway (every command line
 * of the bypass corpus, run directly, sends its changes; through the gateway, no change reaches
 * the proxy). curl, a small raw-HTTP client and the real `gateway` CLI process are checked too.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';

import { type GuardRequest, readOnlyRefusal } from '../../src/core/guard/guard';
import { apiRequestClass } from '../support/apiRequestClass';
import { dockerCli } from '../support/dockerCli';
import { corpusCommands } from '../support/dockerCommandCorpus';
import { directArgs, type GatewayFixture, startGatewayFixture } from '../support/gatewayFixture';
import { loadHarnessInfo } from '../support/harnessInfo';
import { listedContext } from '../support/listedContext';
import { rawRequest } from '../support/rawHttp';
import { type RecordingEngineProxy, startRecordingEngineProxy } from '../support/recordingEngineProxy';
import { cliPath } from '../support/repoPaths';
import { runProcess } from '../support/runProcess';
import { ensureSystemPackages } from '../support/systemDeps';
import { useTempDirs } from '../support/tempDir';

/** A removal (or another change) spelled as the router reads it: versioned or not, escaped, dotted, doubled slashes. */
const rawChanges: ((id: string) => string)[] = [
  (id) => `DELETE /containers/${id}?force=1 HTTP/1.1`,
  (id) => `DELETE /v1.41/containers/${id}?force=true HTTP/1.1`,
  (id) => `DELETE //containers//${id}?force=1 HTTP/1.1`,
  (id) => `DELETE /v1.41/./containers/../containers/${id}?force=1 HTTP/1.1`,
  (id) => `DELETE /containers/${encodeURIComponent(id).replace(/[a-z]/, (letter) => `%${letter.charCodeAt(0).toString(16)}`)}?force=1 HTTP/1.1`,
  (id) => `DELETE /v1.24/containers/${id}?force=1 HTTP/1.1`,
  (id) => `POST /containers/${id}/kill HTTP/1.1`,
  (id) => `POST /v1.41/containers/${id}/stop?t=0 HTTP/1.1`,
];

/** Global flags that change nothing of where docker goes, in the spellings command-line readers got wrong. */
const flagPrefixes: string[][] = [
  [],
  ['--'],
  ['-D'],
  ['--debug=false'],
  ['--help=false'],
  ['-h=false'],
  ['--', '--debug'],
  ['-l', 'error'],
  ['--log-level=error', '--tls=false'],
  ['-v=false'],
];
/** More spellings of a removal (classifyDockerArgs.test.ts's pflag cases). */
const moreRemovals = [
  'rm --force=FALSE x',
  'rm -f=0 -v=1 x',
  '--help --help=false rm -f x',
  'container --help=F rm x',
  'rm --help=false -f x',
  '-- --debug rm -f x',
].map((line) => line.split(' '));

describe('the engine gateway refuses what the policy refuses, however it is sent (real engines)', function () {
  this.timeout(300_000);
  const info = loadHarnessInfo();
  const tempDir = useTempDirs('gateway-guard');
  let fixture: GatewayFixture;
  let direct: ReturnType<typeof dockerCli>;
  let recordingDirect: RecordingEngineProxy;
  let recordingBehind: RecordingEngineProxy;
  const made: string[] = [];
  const run = async () => {
    const id = (await direct.ok('-H', info.local.host, 'run', '-d', info.image, 'sleep', '600')).trim();
    made.push(id);
    return id;
  };
  const exists = async (id: string) => (await direct.run('-H', info.local.host, 'inspect', '--format', '{{.Id}}', id)).code === 0;
  const running = async (id: string) => (await direct.run('-H', info.local.host, 'inspect', '--format', '{{.State.Running}}', id)).stdout.trim() === 'true';

  before(async () => {
    await ensureSystemPackages([{ command: 'curl', pkg: 'curl' }]);
    const dir = await tempDir();
    recordingDirect = await startRecordingEngineProxy(path.join(dir, 'direct.sock'), info.local.socketPath);
    recordingBehind = await startRecordingEngineProxy(path.join(dir, 'behind.sock'), info.local.socketPath);
    fixture = await startGatewayFixture(info, dir, { 'prod-local': 'local', 'staging-tls': 'tls' });
    fixture.contexts.set(
      'prod-recorded',
      listedContext({ name: 'prod-recorded', host: `unix://${recordingBehind.socketPath}`, transport: 'unix', tier: 'production' }),
    );
    fixture.sockets.set('prod-recorded', await fixture.gateway.open(fixture.contexts.get('prod-recorded')!));
    direct = dockerCli(fixture.env.DOCKER_CONFIG!);
  });

  after(async () => {
    await Promise.all(made.map((id) => direct.run('-H', info.local.host, 'rm', '-f', id)));
    await fixture.close();
    await Promise.all([recordingDirect.close(), recordingBehind.close()]);
  });

  it("docker rm on read-only production: refused with the guard's words, the container stays", async () => {
    const id = await run();
    const refused = await fixture.docker('prod-local').run('rm', '-f', id);
    assert.equal(refused.code, 1);
    const request: GuardRequest = {
      context: fixture.contexts.get('prod-local')!,
      operation: 'container rm',
      operationClass: 'destroy',
      targets: [id],
      source: 'gateway',
    };
    assert.equal(refused.stderr.trim(), `Error response from daemon: ${readOnlyRefusal(request)}`);
    assert.ok(await exists(id));
    const record = (await fixture.audit()).find((entry) => entry.targets.includes(id));
    assert.deepEqual(
      { outcome: record?.outcome, source: record?.source, method: record?.api?.method, operation: record?.operation },
      { outcome: 'declined', source: 'gateway', method: 'DELETE', operation: 'container rm' },
    );
    assert.match(record?.api?.path ?? '', new RegExp(`^/v[0-9.]+/containers/${id}$`));
  });

  it('docker rm on staging over TLS: refused headless (no one to ask), allowed after an elevation, audited with the engine status', async () => {
    const tls = dockerCli(fixture.env.DOCKER_CONFIG!);
    const tlsDirect = directArgs(info, 'tls');
    const id = (await fixture.docker('staging-tls').ok('run', '-d', info.image, 'sleep', '600')).trim();
    const refused = await fixture.docker('staging-tls').run('rm', '-f', id);
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      /^Error response from daemon: container rm on "staging-tls" \(tier staging\) was refused by Docker Context Guard: .* docker guard elevate staging-tls --for 15m --reason/,
    );
    assert.equal((await tls.run(...tlsDirect, 'inspect', id)).code, 0);
    const endElevation = await fixture.elevate('staging-tls');
    const removed = await fixture.docker('staging-tls').run('rm', '-f', id);
    await endElevation();
    assert.equal(removed.code, 0, removed.stderr);
    assert.notEqual((await tls.run(...tlsDirect, 'inspect', id)).code, 0);
    const done = (await fixture.audit()).find((entry) => entry.targets.includes(id) && entry.operation === 'container rm' && entry.outcome === 'done');
    assert.equal(done?.engineStatus, 204);
    assert.equal(done?.elevation?.reason, 'gateway test');
    assert.equal(done?.api?.method, 'DELETE');
  });

  it('raw HTTP over the socket, every spelling: 403 through the gateway, the container stays; sent to the engine directly, it works', async () => {
    const gatewaySocket = fixture.sockets.get('prod-local')!.socketPath;
    for (const spell of rawChanges) {
      const id = await run();
      const refused = await rawRequest(gatewaySocket, spell(id));
      assert.equal(refused.status, 403, `${spell(id)}: ${refused.body}`);
      assert.match(JSON.parse(refused.body).message as string, /"prod-local" is production and read-only: container (rm|kill|stop) was refused/);
      assert.ok(await running(id), spell(id));
      // The oracle: the engine does it (an unclean path is redirected to the clean one, which does).
      let allowed = await rawRequest(info.local.socketPath, spell(id));
      if (allowed.status === 301) allowed = await rawRequest(info.local.socketPath, spell(id).replace(/ \S+ /, ` ${allowed.location} `));
      assert.ok(allowed.status < 300, `${spell(id)} directly: ${allowed.status} ${allowed.body}`);
      assert.equal(await running(id), false, spell(id));
    }
  });

  it('a create that hands over the host, sent raw: refused where it needs a confirmation', async () => {
    const socket = fixture.sockets.get('staging-tls')!.socketPath;
    const bodies = [
      { Image: info.image, HostConfig: { Privileged: true } },
      { Image: info.image, HostConfig: { Binds: ['/:/host'] } },
      { Image: info.image, HostConfig: { PidMode: 'host' } },
    ];
    for (const body of bodies) {
      const refused = await rawRequest(socket, 'POST /containers/create HTTP/1.1', JSON.stringify(body));
      assert.equal(refused.status, 403, refused.body);
      assert.match(JSON.parse(refused.body).message as string, /container create on "staging-tls" \(tier staging\)/);
    }
    const plain = await rawRequest(socket, 'POST /containers/create HTTP/1.1', JSON.stringify({ Image: info.image, Cmd: ['true'] }));
    assert.equal(plain.status, 201, plain.body);
    await direct.ok(...directArgs(info, 'tls'), 'rm', '-f', JSON.parse(plain.body).Id as string);
  });

  it('curl --unix-socket: refused the same way', async () => {
    const id = await run();
    const socket = fixture.sockets.get('prod-local')!.socketPath;
    for (const url of [`http://localhost/containers/${id}?force=1`, `http://localhost/v1.41//containers/./${id}?force=1`]) {
      const curl = await runProcess('curl', ['-sS', '--path-as-is', '--unix-socket', socket, '-X', 'DELETE', '-w', '\n%{http_code}', url]);
      const lines = curl.stdout.trim().split('\n');
      const [body, status] = [lines[0], lines[lines.length - 1]];
      assert.equal(status, '403', curl.stderr);
      assert.match(JSON.parse(body).message as string, /"prod-local" is production and read-only: container rm was refused/);
    }
    assert.ok(await exists(id));
  });

  it('every command line of the bypass corpus: what docker sends as a change never gets past the gateway', async () => {
    const lines = [
      ...corpusCommands.flatMap((command) => [[...command], ['--', ...command]]),
      ...flagPrefixes.flatMap((prefix) =>
        [corpusCommands[0], corpusCommands[4], corpusCommands[10], corpusCommands[30]].map((command) => [...prefix, ...command]),
      ),
      ...moreRemovals,
    ];
    const env = { ...fixture.env, DOCKER_HOST: '' };
    const gatewayEnv = { ...fixture.env, DOCKER_HOST: fixture.sockets.get('prod-recorded')!.dockerHost };
    const failures: string[] = [];
    let changing = 0;
    for (const line of lines) {
      recordingDirect.clear();
      recordingBehind.clear();
      await runProcess('docker', ['-H', `unix://${recordingDirect.socketPath}`, ...line], { env, timeoutMs: 20_000 });
      const sent = recordingDirect.requests.filter((request) => apiRequestClass(request.method, request.path) !== 'read');
      const through = await runProcess('docker', line, { env: gatewayEnv, timeoutMs: 20_000 });
      const passed = recordingBehind.requests.filter((request) => apiRequestClass(request.method, request.path) !== 'read');
      if (passed.length > 0)
        failures.push(`docker ${line.join(' ')}: ${passed.map((request) => `${request.method} ${request.path}`).join(', ')} got past the gateway`);
      if (sent.length === 0) continue;
      changing++;
      if (!/Error response from daemon: "prod-recorded" is production and read-only/.test(through.stderr))
        failures.push(`docker ${line.join(' ')}: ${through.stderr.trim()}`);
    }
    assert.deepEqual(failures, []);
    assert.ok(changing > lines.length / 2, `only ${changing} of ${lines.length} lines sent a change directly`);
  });

  it('the gateway CLI: prints NAME unix://PATH once listening, serves, and removes its socket on SIGTERM', async () => {
    const dir = await tempDir();
    const audit = path.join(dir, 'audit.jsonl');
    const child = spawn(process.execPath, [cliPath, 'gateway', 'prod-local', '--dir', path.join(dir, 'gw'), '--audit', audit], { env: fixture.env });
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const listening = new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const match = /^prod-local (unix:\/\/\S+)\n/.exec(stdout);
        if (match) resolve(match[1]);
      });
      child.once('exit', () => reject(new Error(`gateway exited: ${stderr}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const host = await listening;
    const viaCli = dockerCli(fixture.env.DOCKER_CONFIG!, { DOCKER_HOST: host });
    assert.equal((await viaCli.run('ps', '-q')).code, 0);
    const id = await run();
    const refused = await viaCli.run('rm', '-f', id);
    assert.match(refused.stderr, /Error response from daemon: "prod-local" is production and read-only: container rm was refused/);
    assert.ok(existsSync(host.slice('unix://'.length)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0, stderr);
    assert.equal(existsSync(host.slice('unix://'.length)), false);
    assert.ok(await exists(id));
    assert.match(await readFile(audit, 'utf8'), /"outcome":"declined"/);
  });
});
