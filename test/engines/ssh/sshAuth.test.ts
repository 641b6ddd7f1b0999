/**
 * Authentication like `ssh`: through a real ssh-agent (Debian's openssh-client) with no key file at
 * all, with an encrypted key whose passphrase is asked for (and skipped when not given), with
 * IdentitiesOnly limiting the agent to the configured keys, and passphrases asked for exactly the
 * keys the real `ssh` asks for (only those the server accepts, when their public half is known).
 */
import { strict as assert } from 'node:assert';
import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { SshConnectError, type SshConnectionPool } from '../../../src/core/engine/ssh/sshConnectionPool';
import { runProcess } from '../../support/runProcess';
import { useTempDirs } from '../../support/tempDir';
import { dockerVia, failureOf, harness, harnessHostKey, makeClientHome, makePool, recordingPrompts, startExtraSshd } from './sshTestSupport';

interface TestAgent {
  socket: string;
  stop(): Promise<void>;
}

/** A real ssh-agent on a socket in `dir`, holding `keys`. */
async function startAgent(dir: string, keys: string[]): Promise<TestAgent> {
  const socket = join(dir, 'agent.sock');
  const agent: ChildProcess = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  const stop = async () => {
    if (agent.exitCode === null && agent.signalCode === null) {
      const exited = new Promise((resolve) => agent.once('exit', resolve));
      agent.kill('SIGTERM');
      await exited;
    }
  };
  for (let i = 0; i < 100; i++) {
    const added = await runProcess('ssh-add', ['-q', ...keys], { env: { ...process.env, SSH_AUTH_SOCK: socket } });
    if (added.code === 0) return { socket, stop };
    await sleep(50);
  }
  await stop();
  throw new Error('ssh-agent did not take the keys');
}

describe('SSH authentication', function () {
  this.timeout(60_000);
  const tempDir = useTempDirs('ssh-auth');
  const pools: SshConnectionPool[] = [];
  const keep = (pool: SshConnectionPool) => (pools.push(pool), pool);
  let hostUrl: string;
  let knownHosts: string;

  before(async () => {
    hostUrl = harness().ssh.host;
    knownHosts = `[127.0.0.1]:${harness().ssh.port} ${await harnessHostKey()}\n`;
  });

  afterEach(() => {
    for (const pool of pools.splice(0)) pool.closeAll();
  });

  /** A copy of the harness identity (authorized on the harness sshd) encrypted with `passphrase`. */
  async function encryptedIdentity(dir: string, passphrase: string): Promise<string> {
    const file = join(dir, 'id_encrypted');
    await copyFile(harness().ssh.identityFile, file);
    await copyFile(`${harness().ssh.identityFile}.pub`, `${file}.pub`);
    const result = await runProcess('ssh-keygen', ['-p', '-q', '-P', '', '-N', passphrase, '-f', file]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(await readFile(file, 'utf8'), /OPENSSH PRIVATE KEY/);
    return file;
  }

  it('fails with authFailed when neither agent nor key can log in', async () => {
    const { home } = await makeClientHome(await tempDir(), { knownHosts, copyIdentity: false, config: ['Host *', '  GlobalKnownHostsFile /dev/null'] });
    const error = await failureOf(dockerVia(keep(makePool(home, recordingPrompts())), hostUrl).ping());
    assert.ok(SshConnectError.is(error, 'authFailed'), String(error));
    assert.match(error.message, /Permission denied/);
  });

  it('goes on to the key files when SSH_AUTH_SOCK names a dead agent', async () => {
    const dir = await tempDir();
    const { home } = await makeClientHome(dir, { knownHosts });
    const env = { HOME: home, SSH_AUTH_SOCK: join(dir, 'no-agent-here.sock') };
    assert.equal(String(await dockerVia(keep(makePool(home, recordingPrompts(), { env })), hostUrl).ping()), 'OK');
  });

  describe('through ssh-agent', () => {
    let agent: TestAgent;
    let socket: string;

    before(async () => {
      agent = await startAgent(await tempDir(), [harness().ssh.identityFile]);
      socket = agent.socket;
    });

    after(() => agent.stop());

    it('authenticates with the agent only: no key file at all', async () => {
      const { home, sshDir } = await makeClientHome(await tempDir(), {
        knownHosts,
        copyIdentity: false,
        config: ['Host *', '  GlobalKnownHostsFile /dev/null'],
      });
      const prompts = recordingPrompts();
      const pool = keep(makePool(home, prompts, { env: { HOME: home, SSH_AUTH_SOCK: socket } }));
      assert.equal(String(await dockerVia(pool, hostUrl).ping()), 'OK');
      assert.equal(prompts.passphraseQuestions.length, 0);
      await assert.rejects(readFile(join(sshDir, 'id_ed25519')), 'there really is no key file');
    });

    it('with IdentitiesOnly, offers only the agent keys that match the identity files', async () => {
      const dir = await tempDir();
      // An unrelated key as the only IdentityFile: the agent's (authorized) key must not be used.
      await runProcess('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'other')]);
      const restricted = await makeClientHome(dir, {
        knownHosts,
        copyIdentity: false,
        config: ['Host *', `  IdentityFile ${join(dir, 'other')}`, '  IdentitiesOnly yes', '  GlobalKnownHostsFile /dev/null'],
      });
      const env = { HOME: restricted.home, SSH_AUTH_SOCK: socket };
      const error = await failureOf(dockerVia(keep(makePool(restricted.home, recordingPrompts(), { env })), hostUrl).ping());
      assert.ok(SshConnectError.is(error, 'authFailed'), String(error));

      // The authorized key, encrypted on disk but loaded in the agent: the agent signs, no passphrase asked.
      const other = await tempDir();
      const encrypted = await encryptedIdentity(other, 'secret');
      const allowed = await makeClientHome(other, {
        knownHosts,
        copyIdentity: false,
        config: ['Host *', `  IdentityFile ${encrypted}`, '  IdentitiesOnly yes', '  GlobalKnownHostsFile /dev/null'],
      });
      const prompts = recordingPrompts();
      const pool = keep(makePool(allowed.home, prompts, { env: { HOME: allowed.home, SSH_AUTH_SOCK: socket } }));
      assert.equal(String(await dockerVia(pool, hostUrl).ping()), 'OK');
      assert.equal(prompts.passphraseQuestions.length, 0);
    });
  });

  describe('key order, as ssh offers keys (agent and identity files)', () => {
    let dir: string;
    let agent: TestAgent;
    let socket: string;
    const keys: Record<string, string> = {};

    before(async () => {
      dir = await tempDir();
      for (const name of ['agentOnly', 'agentAndFile', 'stranger']) {
        keys[name] = join(dir, name);
        await runProcess('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', keys[name]]);
      }
      keys.authorized = join(dir, 'authorized');
      await copyFile(harness().ssh.identityFile, keys.authorized);
      await copyFile(`${harness().ssh.identityFile}.pub`, `${keys.authorized}.pub`);
      // agentOnly first: ssh still puts the agent key that is also an identity file first.
      agent = await startAgent(dir, [keys.agentOnly, keys.agentAndFile]);
      socket = agent.socket;
    });

    after(() => agent.stop());

    /** The fingerprints sshd saw offered, in order, during `login()`. */
    async function offeredDuring(log: string, login: () => Promise<unknown>): Promise<string[]> {
      const before = (await readFile(log, 'utf8')).length;
      await login();
      const lines = (await readFile(log, 'utf8')).slice(before);
      return [...lines.matchAll(/(?:Failed|Accepted) publickey for .* (SHA256:\S+)/g)].map((match) => match[1]);
    }

    for (const identitiesOnly of [false, true]) {
      it(`offers the keys in ssh's order${identitiesOnly ? ' with IdentitiesOnly' : ''}, each once`, async () => {
        const sshd = await startExtraSshd(join(await tempDir(), 'sshd'), ['LogLevel VERBOSE', 'SetEnv DOCKER_HOST=unix:///nonexistent/docker.sock']);
        try {
          const log = join(sshd.dir, 'sshd.log');
          const files = [keys.stranger, keys.agentAndFile, keys.authorized];
          const knownHostsFile = join(dir, `known_hosts_${sshd.port}`);
          await writeFile(knownHostsFile, `${sshd.knownHostsLine}\n`);
          const only = identitiesOnly ? 'yes' : 'no';
          const ssh = await offeredDuring(log, () =>
            runProcess(
              'ssh',
              [
                '-F',
                '/dev/null',
                '-o',
                'BatchMode=yes',
                '-o',
                `IdentitiesOnly=${only}`,
                ...files.flatMap((file) => ['-i', file]),
                '-o',
                `UserKnownHostsFile=${knownHostsFile}`,
                '-o',
                'GlobalKnownHostsFile=/dev/null',
                '-p',
                String(sshd.port),
                `${harness().ssh.user}@127.0.0.1`,
                'true',
              ],
              { env: { ...process.env, SSH_AUTH_SOCK: socket } },
            ),
          );
          assert.ok(ssh.length >= 3, `sshd logged the offers: ${ssh.join(', ')}`);
          const { home } = await makeClientHome(await tempDir(), {
            copyIdentity: false,
            knownHosts: `${sshd.knownHostsLine}\n`,
            config: ['Host *', ...files.map((file) => `  IdentityFile ${file}`), `  IdentitiesOnly ${only}`, '  GlobalKnownHostsFile /dev/null'],
          });
          const pool = keep(makePool(home, recordingPrompts(), { env: { HOME: home, SSH_AUTH_SOCK: socket } }));
          // The throwaway sshd has no engine: the login is what counts here.
          const ours = await offeredDuring(log, () =>
            dockerVia(pool, `ssh://${harness().ssh.user}@127.0.0.1:${sshd.port}`)
              .ping()
              .catch(() => undefined),
          );
          assert.deepEqual(ours, ssh);
        } finally {
          await sshd.stop();
        }
      });
    }
  });

  describe('passphrases, asked for the keys ssh asks for', () => {
    /** Key files the real ssh asks a passphrase for (through SSH_ASKPASS), in order. */
    async function sshAsksFor(dir: string, identities: string[]): Promise<string[]> {
      const log = join(dir, 'askpass.log');
      const askpass = join(dir, 'askpass');
      await writeFile(log, '');
      await writeFile(askpass, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${log}'\necho secret\n`);
      await chmod(askpass, 0o755);
      const knownHostsFile = join(dir, 'ssh_known_hosts');
      await writeFile(knownHostsFile, knownHosts);
      const result = await runProcess(
        'ssh',
        [
          '-F',
          '/dev/null',
          '-o',
          'IdentitiesOnly=yes',
          ...identities.flatMap((file) => ['-i', file]),
          '-o',
          `UserKnownHostsFile=${knownHostsFile}`,
          '-o',
          'GlobalKnownHostsFile=/dev/null',
          '-o',
          'StrictHostKeyChecking=yes',
          '-p',
          String(harness().ssh.port),
          `${harness().ssh.user}@127.0.0.1`,
          'true',
        ],
        { env: { PATH: process.env.PATH, HOME: dir, SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: ':0' } },
      );
      assert.equal(result.code, 0, result.stderr);
      return [...(await readFile(log, 'utf8')).matchAll(/passphrase for (?:key )?'?([^':]+)'?:/g)].map((match) => match[1]);
    }

    async function weAskFor(dir: string, identities: string[]): Promise<string[]> {
      const { home } = await makeClientHome(dir, {
        knownHosts,
        copyIdentity: false,
        config: ['Host *', ...identities.map((file) => `  IdentityFile ${file}`), '  IdentitiesOnly yes', '  GlobalKnownHostsFile /dev/null'],
      });
      const prompts = recordingPrompts({ passphrase: async () => 'secret' });
      assert.equal(String(await dockerVia(keep(makePool(home, prompts)), hostUrl).ping()), 'OK');
      return prompts.passphraseQuestions.map((question) => question.keyFile);
    }

    const variants: Record<string, (dir: string, stranger: string, accepted: string) => Promise<void>> = {
      'both public halves in .pub files': async () => undefined,
      'no .pub files (OpenSSH-format keys carry their public half)': async (_dir, stranger, accepted) => {
        await rm(`${stranger}.pub`);
        await rm(`${accepted}.pub`);
      },
      'a PEM-format stranger without .pub (no public half to be found)': async (_dir, stranger) => {
        const result = await runProcess('ssh-keygen', ['-p', '-q', '-m', 'PEM', '-P', 'secret', '-N', 'secret', '-f', stranger]);
        assert.equal(result.code, 0, result.stderr);
        await rm(`${stranger}.pub`);
      },
    };

    for (const [name, prepare] of Object.entries(variants)) {
      it(`asks for the same keys as ssh: ${name}`, async () => {
        const dir = await tempDir();
        const stranger = join(dir, 'stranger');
        await runProcess('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', 'secret', '-f', stranger]);
        const accepted = await encryptedIdentity(dir, 'secret');
        await prepare(dir, stranger, accepted);
        const identities = [stranger, accepted];
        const expected = await sshAsksFor(dir, identities);
        assert.ok(expected.includes(accepted), `ssh asked for ${expected.join(', ')}`);
        assert.deepEqual(await weAskFor(dir, identities), expected);
      });
    }
  });

  describe('with an encrypted key', () => {
    let home: string;
    let keyFile: string;

    before(async () => {
      const dir = await tempDir();
      keyFile = await encryptedIdentity(dir, 'secret');
      ({ home } = await makeClientHome(dir, {
        knownHosts,
        copyIdentity: false,
        config: ['Host *', `  IdentityFile ${keyFile}`, '  IdentitiesOnly yes', '  GlobalKnownHostsFile /dev/null'],
      }));
    });

    it('asks for the passphrase and logs in with it', async () => {
      const prompts = recordingPrompts({ passphrase: async () => 'secret' });
      assert.equal(String(await dockerVia(keep(makePool(home, prompts)), hostUrl).ping()), 'OK');
      assert.deepEqual(prompts.passphraseQuestions, [{ keyFile }]);
    });

    it('asks again after a wrong passphrase, saying so', async () => {
      const answers = ['wrong', 'secret'];
      const prompts = recordingPrompts({ passphrase: async () => answers.shift() });
      assert.equal(String(await dockerVia(keep(makePool(home, prompts)), hostUrl).ping()), 'OK');
      assert.deepEqual(prompts.passphraseQuestions, [{ keyFile }, { keyFile, retry: true }]);
    });

    it('skips the key when no passphrase is given: authFailed, saying why', async () => {
      const prompts = recordingPrompts({ passphrase: async () => undefined });
      const error = await failureOf(dockerVia(keep(makePool(home, prompts)), hostUrl).ping());
      assert.ok(SshConnectError.is(error, 'authFailed'), String(error));
      assert.ok(error.message.includes(`${keyFile} (encrypted, no passphrase given)`), error.message);
      assert.equal(prompts.passphraseQuestions.length, 1);
    });

    it('does not count the time spent typing against the connect timeout', async () => {
      // Twice the connect timeout spent answering; the timeout leaves room for a loaded machine's handshake.
      const prompts = recordingPrompts({ passphrase: async () => (await sleep(5000), 'secret') });
      assert.equal(String(await dockerVia(keep(makePool(home, prompts, { connectTimeoutMs: 2500 })), hostUrl).ping()), 'OK');
    });
  });
});
