/**
 * Host key checking against the harness's real sshd: an unknown key is used only after the prompt
 * says yes (and is then remembered), a changed or revoked key is refused without any prompt, and
 * the time a person takes to answer does not count against the connect timeout.
 */
import { strict as assert } from 'node:assert';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { checkHostKey } from '../../../src/core/engine/ssh/knownHosts';
import { SshConnectError, type SshConnectionPool } from '../../../src/core/engine/ssh/sshConnectionPool';
import { runProcess } from '../../support/runProcess';
import { useTempDirs } from '../../support/tempDir';
import { dockerVia, failureOf, harness, harnessHostKey, makeClientHome, makePool, recordingPrompts } from './sshTestSupport';

describe('SSH host key verification', function () {
  this.timeout(60_000);
  const tempDir = useTempDirs('ssh-hostkeys');
  const pools: SshConnectionPool[] = [];
  const keep = (pool: SshConnectionPool) => (pools.push(pool), pool);
  let hostUrl: string;
  let knownName: string;

  before(() => {
    hostUrl = harness().ssh.host;
    knownName = `[127.0.0.1]:${harness().ssh.port}`;
  });

  afterEach(() => {
    for (const pool of pools.splice(0)) pool.closeAll();
  });

  async function freshPublicKey(): Promise<string> {
    const file = join(await tempDir(), 'other_host_key');
    await runProcess('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
    return (await readFile(`${file}.pub`, 'utf8')).split(/\s+/).slice(0, 2).join(' ');
  }

  describe('unknown host key', () => {
    it('is refused when the prompt says no, with the fingerprint ssh-keygen prints', async () => {
      const { home, knownHostsFile } = await makeClientHome(await tempDir());
      const prompts = recordingPrompts({ confirmUnknownHost: async () => false });
      const pool = keep(makePool(home, prompts));
      const error = await failureOf(dockerVia(pool, hostUrl).ping());
      assert.ok(SshConnectError.is(error, 'hostKeyUnknown'), String(error));
      assert.equal(error.fingerprint, harness().ssh.hostKeyFingerprint);
      assert.match(error.message, new RegExp(harness().ssh.hostKeyFingerprint.replace(/[+/]/g, '\\$&')));
      assert.deepEqual(prompts.hostQuestions, [
        { host: '127.0.0.1', port: harness().ssh.port, keyType: 'ssh-ed25519', fingerprint: harness().ssh.hostKeyFingerprint },
      ]);
      await assert.rejects(stat(knownHostsFile), 'nothing was written');
    });

    it('is trusted when the prompt says yes: saved to known_hosts (0600), and not asked again', async () => {
      const { home, knownHostsFile } = await makeClientHome(await tempDir());
      const prompts = recordingPrompts({ confirmUnknownHost: async () => true });
      const pool = keep(makePool(home, prompts));
      assert.equal(String(await dockerVia(pool, hostUrl).ping()), 'OK');
      assert.equal(prompts.hostQuestions.length, 1);
      const text = await readFile(knownHostsFile, 'utf8');
      const key = Buffer.from((await harnessHostKey()).split(' ')[1], 'base64');
      assert.equal(checkHostKey([text], '127.0.0.1', harness().ssh.port, key).status, 'known');
      assert.equal((await stat(knownHostsFile)).mode & 0o777, 0o600);
      // Real OpenSSH finds it too (the system config's HashKnownHosts decides plain or hashed).
      const found = await runProcess('ssh-keygen', ['-F', knownName, '-f', knownHostsFile]);
      assert.equal(found.code, 0, found.stderr);
      // A second connection, from a second pool, does not ask.
      const again = recordingPrompts({ confirmUnknownHost: async () => assert.fail('asked again') });
      const second = keep(makePool(home, again));
      assert.equal(String(await dockerVia(second, hostUrl).ping()), 'OK');
      assert.equal(again.hostQuestions.length, 0);
    });

    it('is asked about once however many requests wait for it', async () => {
      const { home } = await makeClientHome(await tempDir());
      const prompts = recordingPrompts({ confirmUnknownHost: async () => (await sleep(200), true) });
      const pool = keep(makePool(home, prompts));
      const docker = dockerVia(pool, hostUrl);
      await Promise.all(Array.from({ length: 6 }, () => docker.ping()));
      assert.equal(prompts.hostQuestions.length, 1);
    });

    it('does not count the time spent answering against the connect timeout', async () => {
      const { home } = await makeClientHome(await tempDir());
      // Twice the connect timeout spent answering; the timeout leaves room for a loaded machine's handshake.
      const prompts = recordingPrompts({ confirmUnknownHost: async () => (await sleep(5000), true) });
      const pool = keep(makePool(home, prompts, { connectTimeoutMs: 2500 }));
      assert.equal(String(await dockerVia(pool, hostUrl).ping()), 'OK');
    });

    it('is refused without asking under StrictHostKeyChecking yes', async () => {
      const { home } = await makeClientHome(await tempDir(), { config: ['Host *', '  StrictHostKeyChecking yes', '  GlobalKnownHostsFile /dev/null'] });
      const prompts = recordingPrompts({ confirmUnknownHost: async () => true });
      const error = await failureOf(dockerVia(keep(makePool(home, prompts)), hostUrl).ping());
      assert.ok(SshConnectError.is(error, 'hostKeyUnknown'), String(error));
      assert.match(error.message, /StrictHostKeyChecking/);
      assert.equal(prompts.hostQuestions.length, 0);
    });
  });

  it('refuses a changed host key without asking, with the OpenSSH warning and the offending line', async () => {
    const { home, knownHostsFile } = await makeClientHome(await tempDir(), {
      knownHosts: `# pinned long ago\n${knownName} ${await freshPublicKey()}\n`,
    });
    const prompts = recordingPrompts({ confirmUnknownHost: async () => true });
    const error = await failureOf(dockerVia(keep(makePool(home, prompts)), hostUrl).ping());
    assert.ok(SshConnectError.is(error, 'hostKeyChanged'), String(error));
    assert.match(error.message, /REMOTE HOST IDENTIFICATION HAS CHANGED/);
    assert.ok(error.message.includes(harness().ssh.hostKeyFingerprint), error.message);
    assert.ok(error.message.includes(`Offending ED25519 key in ${knownHostsFile}:2`), error.message);
    assert.equal(prompts.hostQuestions.length, 0);
  });

  it('refuses a @revoked host key even though a line vouches for it', async () => {
    const hostKey = await harnessHostKey();
    const { home } = await makeClientHome(await tempDir(), { knownHosts: `${knownName} ${hostKey}\n@revoked * ${hostKey}\n` });
    const prompts = recordingPrompts({ confirmUnknownHost: async () => true });
    const error = await failureOf(dockerVia(keep(makePool(home, prompts)), hostUrl).ping());
    assert.ok(SshConnectError.is(error, 'hostKeyRevoked'), String(error));
    assert.match(error.message, /REVOKED/);
    assert.equal(prompts.hostQuestions.length, 0);
  });

  it('accepts the key pinned in the harness known_hosts (hashed entries included)', async () => {
    const { home, knownHostsFile } = await makeClientHome(await tempDir(), { knownHosts: `${knownName} ${await harnessHostKey()}\n` });
    await runProcess('ssh-keygen', ['-H', '-f', knownHostsFile]);
    assert.doesNotMatch(await readFile(knownHostsFile, 'utf8'), /127\.0\.0\.1/);
    const prompts = recordingPrompts();
    assert.equal(String(await dockerVia(keep(makePool(home, prompts)), hostUrl).ping()), 'OK');
    assert.equal(prompts.hostQuestions.length, 0);
  });
});
