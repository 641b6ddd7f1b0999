/**
 * Reaching an engine through ProxyJump (an ssh2 forwardOut from the jump connection carries the
 * target's SSH connection; each hop's host key is checked; the first jump host's own ProxyJump or
 * ProxyCommand is followed, as ssh follows it) and through ProxyCommand (the command's stdio
 * carries it), against the harness's sshd.
 */
import { strict as assert } from 'node:assert';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { SshConnectError, type SshConnectionPool } from '../../../src/core/engine/ssh/sshConnectionPool';
import { useTempDirs } from '../../support/tempDir';
import { dockerVia, failureOf, harness, harnessHostKey, makeClientHome, makePool, recordingPrompts, startTcpProxy, type TcpProxy } from './sshTestSupport';

describe('SSH through proxies', function () {
  this.timeout(60_000);
  const tempDir = useTempDirs('ssh-proxies');
  const pools: SshConnectionPool[] = [];
  const keep = (pool: SshConnectionPool) => (pools.push(pool), pool);
  let jump: TcpProxy;
  let hostKey: string;
  let sshPort: number;

  const acceptedLogins = async () => ((await readFile(join(harness().root, 'ssh', 'sshd.log'), 'utf8')).match(/Accepted publickey/g) ?? []).length;

  before(async () => {
    sshPort = harness().ssh.port;
    jump = await startTcpProxy(sshPort);
    hostKey = await harnessHostKey();
  });

  afterEach(() => {
    for (const pool of pools.splice(0)) pool.closeAll();
  });

  after(() => jump.close());

  const jumpConfig = (jumpPort: number) => [
    'Host behind',
    '  HostName 127.0.0.1',
    `  Port ${sshPort}`,
    `  ProxyJump ${harness().ssh.user}@127.0.0.1:${jumpPort}`,
    'Host *',
    '  IdentitiesOnly yes',
    '  GlobalKnownHostsFile /dev/null',
  ];

  it('connects through a ProxyJump host: two logins, one TCP connection, both host keys checked', async () => {
    const { home } = await makeClientHome(await tempDir(), {
      config: jumpConfig(jump.port),
      knownHosts: `[127.0.0.1]:${jump.port} ${hostKey}\n[127.0.0.1]:${sshPort} ${hostKey}\n`,
    });
    const [acceptedBefore, loginsBefore] = [jump.accepted, await acceptedLogins()];
    const pool = keep(makePool(home, recordingPrompts()));
    const docker = dockerVia(pool, 'ssh://behind');
    assert.equal(String(await docker.ping()), 'OK');
    await Promise.all(Array.from({ length: 5 }, () => docker.ping()));
    assert.equal(jump.accepted - acceptedBefore, 1, 'one TCP connection, to the jump host');
    assert.equal((await acceptedLogins()) - loginsBefore, 2, 'sshd saw the jump login and the target login');
    assert.equal(pool.stats().connectionsMade, 1);
  });

  it('checks the host key of the target behind the jump host too', async () => {
    const { home } = await makeClientHome(await tempDir(), {
      config: jumpConfig(jump.port),
      knownHosts: `[127.0.0.1]:${jump.port} ${hostKey}\n`, // the jump host only
    });
    const prompts = recordingPrompts({ confirmUnknownHost: async () => false });
    const error = await failureOf(dockerVia(keep(makePool(home, prompts)), 'ssh://behind').ping());
    assert.ok(SshConnectError.is(error, 'hostKeyUnknown'), String(error));
    assert.deepEqual(
      prompts.hostQuestions.map((question) => question.port),
      [sshPort],
    );
  });

  it('really goes through the jump host: without it, nothing connects', async () => {
    const closed = await startTcpProxy(sshPort);
    await closed.close();
    const { home } = await makeClientHome(await tempDir(), {
      config: jumpConfig(closed.port),
      knownHosts: `[127.0.0.1]:${closed.port} ${hostKey}\n[127.0.0.1]:${sshPort} ${hostKey}\n`,
    });
    const error = await failureOf(dockerVia(keep(makePool(home, recordingPrompts())), 'ssh://behind').ping());
    assert.ok(SshConnectError.is(error, 'refused'), String(error));
  });

  it("follows a jump host's own ProxyJump, as ssh does: three logins, each hop reached through the one before", async () => {
    const outer = await startTcpProxy(sshPort);
    try {
      const user = harness().ssh.user;
      const { home } = await makeClientHome(await tempDir(), {
        config: [
          'Host behind',
          '  HostName 127.0.0.1',
          `  Port ${sshPort}`,
          `  ProxyJump ${user}@inner`,
          'Host inner',
          '  HostName 127.0.0.1',
          `  Port ${jump.port}`,
          `  ProxyJump ${user}@127.0.0.1:${outer.port}`,
          'Host *',
          '  IdentitiesOnly yes',
          '  GlobalKnownHostsFile /dev/null',
        ],
        knownHosts: [outer.port, jump.port, sshPort].map((port) => `[127.0.0.1]:${port} ${hostKey}`).join('\n'),
      });
      const [outerBefore, innerBefore, loginsBefore] = [outer.accepted, jump.accepted, await acceptedLogins()];
      const pool = keep(makePool(home, recordingPrompts()));
      assert.equal(String(await dockerVia(pool, 'ssh://behind').ping()), 'OK');
      assert.equal(outer.accepted - outerBefore, 1, 'the outer jump host was reached directly');
      assert.equal(jump.accepted - innerBefore, 1, 'the inner jump host was reached (from the outer one)');
      assert.equal((await acceptedLogins()) - loginsBefore, 3);
    } finally {
      await outer.close();
    }
  });

  it("follows the first jump host's own ProxyCommand, and a ProxyCommand after ProxyJump none", async () => {
    const dir = await tempDir();
    const marker = join(dir, 'proxy-command-ran');
    const script = `require("fs").appendFileSync("${marker}", process.argv.slice(1).join(" ") + "\\n"); const s = require("net").connect(+process.argv[2], process.argv[1]); process.stdin.pipe(s).pipe(process.stdout); s.on("close", () => process.exit(0));`;
    const command = `'${process.execPath}' -e '${script}' %h %p`;
    const { home } = await makeClientHome(dir, {
      config: [
        'Host behind',
        '  HostName 127.0.0.1',
        `  Port ${sshPort}`,
        `  ProxyJump ${harness().ssh.user}@bycommand`,
        'Host bycommand',
        '  HostName 127.0.0.1',
        `  Port ${jump.port}`,
        `  ProxyCommand ${command}`,
        'Host nojump',
        '  HostName 127.0.0.1',
        `  Port ${jump.port}`,
        '  ProxyJump none',
        `  ProxyCommand ${command}`,
        'Host *',
        '  IdentitiesOnly yes',
        '  GlobalKnownHostsFile /dev/null',
      ],
      knownHosts: [jump.port, sshPort].map((port) => `[127.0.0.1]:${port} ${hostKey}`).join('\n'),
    });
    const pool = keep(makePool(home, recordingPrompts()));
    assert.equal(String(await dockerVia(pool, 'ssh://behind').ping()), 'OK');
    assert.equal(String(await dockerVia(pool, 'ssh://nojump').ping()), 'OK');
    assert.equal(await readFile(marker, 'utf8'), `127.0.0.1 ${jump.port}\n127.0.0.1 ${jump.port}\n`);
  });

  it('refuses a ProxyJump loop instead of following it forever', async () => {
    const { home } = await makeClientHome(await tempDir(), { config: ['Host *', '  ProxyJump bastion'] });
    const error = await failureOf(dockerVia(keep(makePool(home, recordingPrompts())), 'ssh://target').ping());
    assert.ok(SshConnectError.is(error), String(error));
    assert.match(error.message, /ProxyJump nests more than \d+ levels/);
  });

  it('connects through a ProxyCommand, with %h and %p expanded', async () => {
    const dir = await tempDir();
    const marker = join(dir, 'proxy-command-ran');
    const script = `require("fs").writeFileSync("${marker}", process.argv.slice(1).join(" ")); const s = require("net").connect(+process.argv[2], process.argv[1]); process.stdin.pipe(s).pipe(process.stdout); s.on("close", () => process.exit(0));`;
    const { home } = await makeClientHome(dir, {
      config: [
        'Host viacommand',
        '  HostName 127.0.0.1',
        `  Port ${jump.port}`,
        `  ProxyCommand '${process.execPath}' -e '${script}' %h %p`,
        'Host *',
        '  GlobalKnownHostsFile /dev/null',
      ],
      knownHosts: `[127.0.0.1]:${jump.port} ${hostKey}\n`,
    });
    const before = jump.accepted;
    const pool = keep(makePool(home, recordingPrompts()));
    assert.equal(String(await dockerVia(pool, 'ssh://viacommand').ping()), 'OK');
    assert.equal(await readFile(marker, 'utf8'), `127.0.0.1 ${jump.port}`);
    assert.equal(jump.accepted - before, 1);
  });

  it('reports what a failing ProxyCommand printed', async () => {
    const { home } = await makeClientHome(await tempDir(), {
      config: ['Host broken', `  ProxyCommand sh -c 'echo "bastion says no" >&2; exit 3'`],
    });
    const error = await failureOf(dockerVia(keep(makePool(home, recordingPrompts())), 'ssh://broken').ping());
    assert.ok(SshConnectError.is(error, 'unreachable'), String(error));
    assert.match(error.message, /bastion says no/);
    assert.match(error.message, /code 3/);
  });
});
