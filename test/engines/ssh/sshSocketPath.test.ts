/**
 * `ssh://user@host/PATH` reaches the engine at PATH on the remote host, as the docker CLI does
 * (`docker --host=unix://PATH system dial-stdio`). Held to three oracles: a real POSIX shell
 * (our quoted command must come out of it as exactly the words docker/cli builds, whatever the
 * path holds), the real docker CLI (the remote command it gives ssh names the same socket), and
 * the harness's sshd and dockerd (a unix-socket relay at PATH sees the connections; a missing
 * socket fails the request instead of silently reaching the default engine).
 */
import { strict as assert } from 'node:assert';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import * as net from 'node:net';
import { join } from 'node:path';

import { dialStdioCommand, RemoteCommandError } from '../../../src/core/engine/ssh/dialStdioCommand';
import { parseSshUrl } from '../../../src/core/engine/ssh/sshAddress';
import { SshConnectError, type SshConnectionPool } from '../../../src/core/engine/ssh/sshConnectionPool';
import { dockerCli } from '../../support/dockerCli';
import { runProcess } from '../../support/runProcess';
import { useTempDirs } from '../../support/tempDir';
import { dockerVia, failureOf, harness, makePool, recordingPrompts } from './sshTestSupport';

/** The words a POSIX shell makes of `command` when `docker` is a function printing its arguments. */
async function shellWords(command: string): Promise<string[]> {
  const result = await runProcess('/bin/sh', ['-c', `docker() { printf '%s\\0' docker "$@"; }; ${command}`]);
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.split('\0').slice(0, -1);
}

/** A unix socket at `path` relaying to the harness engine, counting connections. */
async function startSocketRelay(path: string): Promise<{ accepted: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const relay = {
    accepted: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server = net.createServer((client) => {
    relay.accepted++;
    const upstream = net.connect(harness().local.socketPath);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return relay;
}

describe('SSH remote socket path', function () {
  this.timeout(60_000);
  const tempDir = useTempDirs('ssh-socket');
  const pools: SshConnectionPool[] = [];
  const pool = () => {
    const made = makePool(harness().home, recordingPrompts());
    pools.push(made);
    return made;
  };
  const urlFor = (path: string) => `${harness().ssh.host}${path.split('/').map(encodeURIComponent).join('/')}`;

  afterEach(() => {
    for (const made of pools.splice(0)) made.closeAll();
  });

  const odd = [
    '/run/user/1000/docker.sock',
    '/tmp/a b/docker.sock',
    "/tmp/it's/d.sock",
    '/tmp/$(echo INJECTED)/`echo INJECTED`;echo INJECTED',
    '/tmp/"q"\\back/#hash/{a,b}/~/[x]?*',
    '/tmp/été/😀.sock',
    '/x/',
    '//double',
  ];

  it('quotes the path so that the remote shell passes docker exactly --host=unix://PATH', async () => {
    for (const path of odd) {
      const url = `ssh://u@h:22${path.split('/').map(encodeURIComponent).join('/')}`;
      const { socketPath } = parseSshUrl(url);
      assert.equal(socketPath, path, url);
      assert.deepEqual(await shellWords(dialStdioCommand(socketPath)), ['docker', `--host=unix://${path}`, 'system', 'dial-stdio'], path);
    }
    assert.deepEqual(await shellWords(dialStdioCommand(undefined)), ['docker', 'system', 'dial-stdio']);
  });

  it('reaches the default engine for no path and for /, as docker/cli does', () => {
    for (const url of ['ssh://u@h', 'ssh://u@h/', 'ssh://u@h:22///']) assert.equal(parseSshUrl(url).socketPath, undefined, url);
  });

  it('refuses what no POSIX quoting can carry, and what docker refuses in the URL', () => {
    for (const path of ['/tmp/new\nline', '/tmp/nul\0byte', '/tmp/tab\tbell\u0007', '/tmp/nbsp\u00a0x', '/tmp/rtl\u202ex']) {
      assert.throws(() => dialStdioCommand(path), RemoteCommandError, JSON.stringify(path));
    }
    for (const url of ['ssh://u:secret@h', 'ssh://u@h?x=1', 'ssh://u@h#frag', 'tcp://h:2375', 'ssh:///path']) {
      assert.throws(
        () => parseSshUrl(url),
        (error: unknown) => SshConnectError.is(error),
        url,
      );
    }
  });

  it('names the socket as the docker CLI does in the command it gives ssh', async () => {
    const dir = await tempDir();
    const log = join(dir, 'ssh-argv');
    // A stand-in `ssh` first on PATH: records its arguments (NUL-separated) and fails, so docker stops there.
    await writeFile(join(dir, 'ssh'), `#!/bin/sh\nprintf '%s\\0' "$@" >> '${log}'\nprintf '\\n' >> '${log}'\nexit 1\n`);
    await chmod(join(dir, 'ssh'), 0o755);
    const cli = dockerCli(harness().dockerConfig, { PATH: `${dir}:${process.env.PATH}` });
    // docker 28 passes a path as is (a bare `/` included, which later versions treat as no path): benign paths only.
    for (const path of ['/run/user/1000/docker.sock', '/var/run/docker.sock', '/srv/engine-2/d.sock']) {
      await writeFile(log, '');
      await cli.run('-H', `ssh://someone@127.0.0.1:2222${path}`, 'version');
      const calls = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
      assert.ok(calls.length > 0, 'docker ran ssh');
      const argv = calls[0].split('\0').slice(0, -1);
      // ssh joins the words after the host with spaces and hands them to the remote shell.
      const theirs = await shellWords(argv.slice(argv.indexOf('--') + 2).join(' '));
      const ours = await shellWords(dialStdioCommand(parseSshUrl(`ssh://someone@127.0.0.1:2222${path}`).socketPath));
      assert.equal(hostFlag(ours), hostFlag(theirs), path);
      assert.deepEqual(
        ours.filter((word) => !word.startsWith('--host') && !word.startsWith('unix://')),
        theirs.filter((word) => !word.startsWith('--host') && !word.startsWith('unix://')),
      );
    }
  });

  it('reaches the engine behind a socket at an odd path (the relay sees it), and the docker CLI does too', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, "s p;'$(echo x)"));
    const socket = join(dir, "s p;'$(echo x)", 'docker.sock');
    const relay = await startSocketRelay(socket);
    try {
      const docker = dockerVia(pool(), urlFor(socket));
      assert.equal(String(await docker.ping()), 'OK');
      const viaPool = relay.accepted;
      assert.ok(viaPool >= 1, 'the request went through the socket named in the URL');
      // The real docker CLI (through the harness's ssh wrapper) with a plain path to the same relay.
      const plain = join(dir, 'plain.sock');
      const plainRelay = await startSocketRelay(plain);
      try {
        await dockerCli(harness().dockerConfig).ok('-H', urlFor(plain), 'version', '--format', '{{.Server.APIVersion}}');
        assert.ok(plainRelay.accepted >= 1, 'the docker CLI reached the socket too');
        assert.equal(String(await dockerVia(pool(), urlFor(plain)).ping()), 'OK');
      } finally {
        await plainRelay.close();
      }
    } finally {
      await relay.close();
    }
  });

  it('fails for a socket that does not exist, as the docker CLI does, instead of reaching the default engine', async () => {
    const missing = join(await tempDir(), 'no-engine.sock');
    const error = await failureOf(dockerVia(pool(), urlFor(missing)).ping());
    assert.ok(SshConnectError.is(error, 'refused'), String(error));
    assert.match(error.message, /no-engine\.sock/);
    const cli = await dockerCli(harness().dockerConfig).run('-H', urlFor(missing), 'version', '--format', '{{.Server.APIVersion}}');
    assert.notEqual(cli.code, 0, `the docker CLI fails too: ${cli.stdout}`);
  });

  it('keeps one connection per socket path (two engines, two routes)', async () => {
    const made = pool();
    const dir = await tempDir();
    const relay = await startSocketRelay(join(dir, 'a.sock'));
    try {
      assert.equal(String(await dockerVia(made, harness().ssh.host).ping()), 'OK');
      assert.equal(relay.accepted, 0, 'the URL without a path reached the default engine');
      assert.equal(String(await dockerVia(made, urlFor(join(dir, 'a.sock'))).ping()), 'OK');
      assert.equal(made.stats().connectionsMade, 2);
      assert.ok(relay.accepted >= 1, 'the URL with the path reached the relay');
    } finally {
      await relay.close();
    }
  });
});

/** The value of `--host`, written `--host X` or `--host=X`. */
function hostFlag(words: string[]): string | undefined {
  const index = words.findIndex((word) => word === '--host' || word.startsWith('--host='));
  if (index < 0) return undefined;
  return words[index] === '--host' ? words[index + 1] : words[index].slice('--host='.length);
}
