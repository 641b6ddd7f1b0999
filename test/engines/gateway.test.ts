/**
 * The engine gateway is faithful: the real docker 28 CLI through a context's gateway socket does
 * what it does directly, on every transport the harness has (unix, TLS, SSH) — the same listings,
 * exit codes, TTYs and stdin (a pty drives `run -it` and `exec -it`; `run -i` ends its stdin with
 * a half-close), streams that arrive while they run (`logs -f`, then interrupted), the same events
 * over a window, `cp` both ways, a legacy build that uploads its context, `stats --no-stream`.
 * Each check runs the same command directly and through the gateway and compares.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

import { dockerCli } from '../support/dockerCli';
import { directArgs, type GatewayFixture, type HarnessEngine, startGatewayFixture } from '../support/gatewayFixture';
import { loadHarnessInfo } from '../support/harnessInfo';
import { ensureSystemPackages } from '../support/systemDeps';
import { useTempDirs } from '../support/tempDir';
import { runOnTerminal } from '../unit/guard/terminalProcess';

const engines: HarnessEngine[] = ['local', 'tls', 'ssh'];

describe('the engine gateway passes docker through faithfully (real engines)', function () {
  this.timeout(120_000);
  const info = loadHarnessInfo();
  const tempDir = useTempDirs('gateway');
  let fixture: GatewayFixture;
  let work: string;
  const made: { engine: HarnessEngine; id: string }[] = [];

  before(async () => {
    await ensureSystemPackages([{ command: 'python3', pkg: 'python3' }]);
    work = await tempDir();
    fixture = await startGatewayFixture(info, work, { 'lab-local': 'local', 'lab-tls': 'tls', 'lab-ssh': 'ssh' });
  });

  after(async () => {
    const direct = dockerCli(fixture.env.DOCKER_CONFIG!);
    await Promise.all(made.map(({ engine, id }) => direct.run(...directArgs(info, engine), 'rm', '-f', id)));
    await fixture.close();
  });

  for (const engine of engines) {
    describe(`over ${engine}`, () => {
      const name = `lab-${engine}`;
      const through = () => fixture.docker(name);
      const direct = () => dockerCli(fixture.env.DOCKER_CONFIG!);
      const viaDirect = (...args: string[]) => direct().run(...directArgs(info, engine), ...args);
      const both = (...args: string[]) => Promise.all([viaDirect(...args), through().run(...args)]);
      const gatewayHost = () => fixture.sockets.get(name)!.dockerHost;
      let ticker: string;

      before(async () => {
        ticker = (await through().ok('run', '-d', info.image, 'sh', '-c', 'i=0; while true; do echo line$i; i=$((i+1)); sleep 0.2; done')).trim();
        made.push({ engine, id: ticker });
      });

      it('lists, inspects and answers exit codes as directly', async () => {
        const [directPs, gatewayPs] = await both('ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.Names}} {{.Image}}');
        assert.equal(gatewayPs.code, 0, gatewayPs.stderr);
        assert.equal(gatewayPs.stdout, directPs.stdout);
        assert.match(gatewayPs.stdout, new RegExp(ticker));
        const [directInspect, gatewayInspect] = await both('inspect', '--format', '{{.State.Running}} {{.Config.Image}}', ticker);
        assert.equal(gatewayInspect.stdout, directInspect.stdout);
        const [directExit, gatewayExit] = await both('run', '--rm', info.image, 'sh', '-c', 'echo out; echo err >&2; exit 3');
        assert.deepEqual(gatewayExit, directExit);
        const [directMissing, gatewayMissing] = await both('inspect', 'no-such-container-anywhere');
        assert.deepEqual(gatewayMissing, directMissing);
      });

      it("run -i ends the container's stdin with a half-close, and the output still comes back", async () => {
        const input = `${randomBytes(20000).toString('hex')}\n`;
        const env = { ...process.env, DOCKER_CONFIG: fixture.env.DOCKER_CONFIG, DOCKER_CONTEXT: '' };
        const viaGateway = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
          const child = spawn('docker', ['-H', gatewayHost(), 'run', '-i', '--rm', info.image, 'sh', '-c', 'wc -c; exit 7'], { env });
          let stdout = '';
          child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
          child.on('error', reject);
          child.on('close', (code) => resolve({ code, stdout }));
          child.stdin.end(input);
        });
        assert.deepEqual(viaGateway, { code: 7, stdout: `${input.length}\n` });
      });

      it('run -it and exec -it on a pty: the TTY, what is typed, the exit code', async () => {
        const env = { ...process.env, DOCKER_CONFIG: fixture.env.DOCKER_CONFIG, DOCKER_HOST: '', DOCKER_CONTEXT: '' };
        const script = 'tty; read line; echo "got:$line"; exit 5';
        const onTerminal = (hostArgs: string[], command: string[]) =>
          runOnTerminal(['docker', ...hostArgs, ...command, 'sh', '-c', script], [['/dev/pts', 'typed words\r']], env);
        for (const command of [
          ['run', '-it', '--rm', info.image],
          ['exec', '-it', ticker],
        ]) {
          const [viaDirect, viaGateway] = await Promise.all([onTerminal(directArgs(info, engine), command), onTerminal(['-H', gatewayHost()], command)]);
          assert.equal(viaGateway.status, 5, viaGateway.screen);
          assert.equal(viaGateway.status, viaDirect.status);
          assert.match(viaGateway.screen, /got:typed words/);
          assert.match(viaGateway.screen, /\/dev\/pts\/\d+/);
        }
      });

      it('logs -f streams lines while the container runs, and stops when interrupted', async () => {
        const env = { ...process.env, DOCKER_CONFIG: fixture.env.DOCKER_CONFIG, DOCKER_HOST: gatewayHost(), DOCKER_CONTEXT: '' };
        const child = spawn('docker', ['logs', '-f', '--since', '0s', ticker], { env });
        let stdout = '';
        const lines = new Promise<void>((resolve) =>
          child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
            stdout += chunk;
            if (stdout.split('\n').length > 4) resolve();
          }),
        );
        const closed = new Promise<number | null>((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 0))));
        await lines;
        child.kill('SIGINT');
        assert.notEqual(await closed, null);
        assert.match(stdout, /^line\d+\nline\d+\n/);
        // The gateway took the interruption: the next request on the socket is answered at once.
        assert.equal((await through().run('version', '--format', '{{.Server.APIVersion}}')).code, 0);
      });

      it('events over a window are the same as directly', async () => {
        const now = Math.floor(Date.now() / 1000);
        const [directEvents, gatewayEvents] = await both(
          'events',
          '--since',
          String(now - 120),
          '--until',
          String(now),
          '--format',
          '{{.Type}} {{.Action}} {{.Actor.ID}}',
        );
        assert.equal(gatewayEvents.code, 0, gatewayEvents.stderr);
        assert.equal(gatewayEvents.stdout, directEvents.stdout);
        assert.match(gatewayEvents.stdout, /container start/);
      });

      it('cp copies a file in and out', async () => {
        const file = path.join(work, `${engine}-in.bin`);
        const content = randomBytes(300_000);
        await writeFile(file, content);
        await through().ok('cp', file, `${ticker}:/tmp/in.bin`);
        const back = path.join(work, `${engine}-out.bin`);
        await through().ok('cp', `${ticker}:/tmp/in.bin`, back);
        assert.ok((await readFile(back)).equals(content));
      });

      it('builds with the legacy builder, uploading its context', async () => {
        const context = path.join(work, `${engine}-build`);
        await mkdir(context, { recursive: true });
        await writeFile(path.join(context, 'payload.bin'), randomBytes(2_000_000));
        await writeFile(path.join(context, 'Dockerfile'), `FROM ${info.image}\nCOPY payload.bin /payload.bin\nRUN wc -c < /payload.bin > /size\n`);
        const tag = `gateway-built-${engine}:1`;
        const built = await dockerCli(fixture.env.DOCKER_CONFIG!, { DOCKER_HOST: gatewayHost(), DOCKER_BUILDKIT: '0' }).run('build', '-q', '-t', tag, context);
        assert.equal(built.code, 0, built.stderr);
        assert.equal((await through().ok('run', '--rm', tag, 'cat', '/size')).trim(), '2000000');
        await viaDirect('rmi', tag);
      });

      it('stats --no-stream shows the running container', async () => {
        const stats = await through().ok('stats', '--no-stream', '--format', '{{.ID}}', ticker);
        assert.equal(stats.trim(), ticker.slice(0, 12));
      });
    });
  }
});
