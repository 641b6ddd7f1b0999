/**
 * Contexts that share only `user@host:port` do not share a pooled connection: a different
 * ProxyCommand, identity or known_hosts file can mean a different machine, a different login or
 * a different trust decision, so neither one's connection nor its failure nor its success may be
 * handed to the other. Against the harness sshd behind a counting TCP proxy.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';

import { SshConnectError, type SshConnectionPool } from '../../../src/core/engine/ssh/sshConnectionPool';
import { runProcess } from '../../support/runProcess';
import { useTempDirs } from '../../support/tempDir';
import { dockerVia, failureOf, harness, harnessHostKey, makeClientHome, makePool, recordingPrompts, startTcpProxy, type TcpProxy } from './sshTestSupport';

describe('SSH connection sharing between routes', function () {
  this.timeout(60_000);
  const tempDir = useTempDirs('ssh-routes');
  const pools: SshConnectionPool[] = [];
  let proxy: TcpProxy;
  let home: string;

  before(async () => {
    proxy = await startTcpProxy(harness().ssh.port);
    const dir = await tempDir();
    const block = (name: string, ...lines: string[]) => [
      `Host ${name}`,
      '  HostName 127.0.0.1',
      `  Port ${proxy.port}`,
      `  User ${harness().ssh.user}`,
      ...lines.map((line) => `  ${line}`),
    ];
    ({ home } = await makeClientHome(dir, {
      knownHosts: `[127.0.0.1]:${proxy.port} ${await harnessHostKey()}\n`,
      config: [
        ...block('good', 'IdentityFile %HOME%/.ssh/id_ed25519'),
        ...block('stranger', 'IdentityFile %HOME%/.ssh/stranger'),
        ...block('otherkh', 'UserKnownHostsFile %HOME%/.ssh/empty_known_hosts'),
        ...block('viacommand', `ProxyCommand sh -c 'echo "bastion says no" >&2; exit 3'`),
        'Host *',
        '  IdentitiesOnly yes',
        '  GlobalKnownHostsFile /dev/null',
      ],
    }));
    await runProcess('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(home, '.ssh', 'stranger')]);
  });

  afterEach(() => {
    for (const made of pools.splice(0)) made.closeAll();
  });

  after(() => proxy.close());

  const pool = () => {
    const made = makePool(home, recordingPrompts());
    pools.push(made);
    return made;
  };

  it('does not hand a connection to a context with another identity, nor its success', async () => {
    const made = pool();
    assert.equal(String(await dockerVia(made, 'ssh://good').ping()), 'OK');
    const error = await failureOf(dockerVia(made, 'ssh://stranger').ping());
    assert.ok(SshConnectError.is(error, 'authFailed'), String(error));
    assert.equal(String(await dockerVia(made, 'ssh://good').ping()), 'OK', 'the good route is still pooled');
    assert.equal(made.stats().connectionsMade, 1);
  });

  it('does not hand a connection to a context with other known_hosts files', async () => {
    const made = pool();
    assert.equal(String(await dockerVia(made, 'ssh://good').ping()), 'OK');
    const before = proxy.accepted;
    const error = await failureOf(dockerVia(made, 'ssh://otherkh').ping());
    assert.ok(SshConnectError.is(error, 'hostKeyUnknown'), String(error));
    assert.equal(proxy.accepted - before, 1, 'a connection of its own, whose host key was checked against its own files');
  });

  it('does not hand one context failure of its ProxyCommand to a direct one, nor the reverse, when both start at once', async () => {
    const made = pool();
    const [viaCommand, direct] = await Promise.allSettled([dockerVia(made, 'ssh://viacommand').ping(), dockerVia(made, 'ssh://good').ping()]);
    assert.equal(direct.status, 'fulfilled', String((direct as PromiseRejectedResult).reason));
    assert.equal(viaCommand.status, 'rejected');
    assert.match(String((viaCommand as PromiseRejectedResult).reason), /bastion says no/);
  });

  it('still shares between two URLs that resolve to the very same route', async () => {
    const made = pool();
    const before = proxy.accepted;
    const direct = `ssh://${harness().ssh.user}@127.0.0.1:${proxy.port}`;
    // The same destination written without the user (the local login name is the same one here).
    assert.equal(String(await dockerVia(made, direct).ping()), 'OK');
    assert.equal(String(await dockerVia(made, `ssh://127.0.0.1:${proxy.port}`).ping()), 'OK');
    assert.equal(proxy.accepted - before, 1);
  });
});
