/**
 * Host key answers held to the real `ssh` (OpenSSH 9.2) against a throwaway sshd whose only host
 * key is ED25519: for each known_hosts file, what ssh does (connects, refuses as changed, refuses
 * as unknown under StrictHostKeyChecking) is what the pool does, and it never offers to trust a
 * key ssh calls changed.
 */
import { strict as assert } from 'node:assert';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { SshConnectError, type SshConnectionPool } from '../../../src/core/engine/ssh/sshConnectionPool';
import { runProcess } from '../../support/runProcess';
import { useTempDirs } from '../../support/tempDir';
import { dockerVia, type ExtraSshd, harness, makePool, recordingPrompts, startExtraSshd } from './sshTestSupport';

describe('host keys, as ssh answers them', function () {
  this.timeout(60_000);
  const tempDir = useTempDirs('ssh-hostkey-oracle');
  const pools: SshConnectionPool[] = [];
  let sshd: ExtraSshd;
  let dir: string;
  let hostKey: string;
  let otherEcdsa: string;
  let otherEd25519: string;

  before(async () => {
    dir = await tempDir();
    // No engine behind it: dial-stdio fails after the login, which is all these checks need.
    sshd = await startExtraSshd(join(dir, 'sshd'), ['SetEnv DOCKER_HOST=unix:///nonexistent/docker.sock']);
    hostKey = sshd.knownHostsLine.split(' ').slice(1).join(' ');
    const make = async (name: string, type: string) => {
      await runProcess('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', join(dir, name)]);
      return (await readFile(join(dir, `${name}.pub`), 'utf8')).split(' ').slice(0, 2).join(' ');
    };
    [otherEcdsa, otherEd25519] = await Promise.all([make('other_ecdsa', 'ecdsa'), make('other_ed25519', 'ed25519')]);
  });

  after(() => sshd.stop());

  afterEach(() => {
    for (const made of pools.splice(0)) made.closeAll();
  });

  type Outcome = 'connected' | 'changed' | 'unknown';

  /** What ssh does with `knownHosts` (StrictHostKeyChecking yes: it never asks). */
  async function sshOutcome(knownHostsFile: string): Promise<Outcome> {
    const result = await runProcess('ssh', [
      '-F',
      '/dev/null',
      '-o',
      'BatchMode=yes',
      '-o',
      'StrictHostKeyChecking=yes',
      '-o',
      `UserKnownHostsFile=${knownHostsFile}`,
      '-o',
      'GlobalKnownHostsFile=/dev/null',
      '-o',
      'IdentitiesOnly=yes',
      '-i',
      harness().ssh.identityFile,
      '-p',
      String(sshd.port),
      `${harness().ssh.user}@127.0.0.1`,
      'true',
    ]);
    if (result.code === 0) return 'connected';
    if (/REMOTE HOST IDENTIFICATION HAS CHANGED/.test(result.stderr)) return 'changed';
    assert.match(result.stderr, /No \w+ host key is known/, result.stderr);
    return 'unknown';
  }

  /** What the pool does with the same file, asking "trust it?" (and recording whether it asked). */
  async function ourOutcome(knownHostsFile: string, strict: boolean): Promise<{ outcome: Outcome | 'asked'; error?: Error }> {
    const home = await tempDir();
    const config = join(home, 'ssh_config');
    await writeFile(
      config,
      [
        `Host *`,
        `  IdentityFile ${harness().ssh.identityFile}`,
        '  IdentitiesOnly yes',
        `  UserKnownHostsFile ${knownHostsFile}`,
        '  GlobalKnownHostsFile /dev/null',
        `  StrictHostKeyChecking ${strict ? 'yes' : 'ask'}`,
        '',
      ].join('\n'),
    );
    const prompts = recordingPrompts();
    const pool = makePool(home, prompts, { systemConfigPath: config });
    pools.push(pool);
    try {
      await dockerVia(pool, `ssh://${harness().ssh.user}@127.0.0.1:${sshd.port}`).ping();
      return { outcome: 'connected' };
    } catch (error) {
      if (prompts.hostQuestions.length > 0) return { outcome: 'asked', error: error as Error };
      if (SshConnectError.is(error, 'hostKeyChanged')) return { outcome: 'changed', error: error as Error };
      if (SshConnectError.is(error, 'hostKeyUnknown')) return { outcome: 'unknown', error: error as Error };
      // Past the host key: the login or dial-stdio failed (the throwaway sshd has no docker): the key was accepted.
      return { outcome: 'connected', error: error as Error };
    }
  }

  const corpus: Record<string, () => string> = {
    'the key under [host]:port': () => `[127.0.0.1]:${sshd.port} ${hostKey}\n`,
    'only a key of another type (ECDSA) on record': () => `[127.0.0.1]:${sshd.port} ${otherEcdsa}\n`,
    'another key of the same type': () => `[127.0.0.1]:${sshd.port} ${otherEd25519}\n`,
    'the key under the bare host name (port is not 22)': () => `127.0.0.1 ${hostKey}\n`,
    'another key under the bare host name': () => `127.0.0.1 ${otherEcdsa}\n`,
    'the bare name has the key, [host]:port another': () => `127.0.0.1 ${hostKey}\n[127.0.0.1]:${sshd.port} ${otherEcdsa}\n`,
    'a corrupt line for the host, then the key': () => `[127.0.0.1]:${sshd.port} ssh-ed25519 AAAA!!notbase64\n[127.0.0.1]:${sshd.port} ${hostKey}\n`,
    'a corrupt line for the host only': () => `[127.0.0.1]:${sshd.port} ${otherEcdsa.split(' ')[0]} ${otherEd25519.split(' ')[1]}\n`,
    'a byte-order mark before the only line': () => `\ufeff[127.0.0.1]:${sshd.port} ${hostKey}\n`,
    'wildcard pattern with CRLF line ends': () => `[127.0.0.*]:${sshd.port} ${otherEcdsa}\r\n`,
  };

  for (const [name, text] of Object.entries(corpus)) {
    it(`answers as ssh does: ${name}`, async () => {
      const file = join(dir, `kh-${Object.keys(corpus).indexOf(name)}`);
      await writeFile(file, text());
      const expected = await sshOutcome(file);
      const strict = await ourOutcome(file, true);
      assert.equal(strict.outcome, expected, `ssh: ${expected}; we: ${strict.outcome} ${strict.error?.message ?? ''}`);
      // Not strict: a changed key is still refused without a question; only an unknown one is asked about.
      const asking = await ourOutcome(file, false);
      assert.equal(asking.outcome, expected === 'unknown' ? 'asked' : expected, asking.error?.message);
    });
  }
});
