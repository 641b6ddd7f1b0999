/**
 * known_hosts as OpenSSH writes and reads it: keys made by ssh-keygen, hashed entries made by
 * `ssh-keygen -H`, and our own lines checked with `ssh-keygen -F`, so the parser is held to the
 * real tool rather than to our idea of the format.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { appendKnownHost, checkHostKey, keyTypeOf, knownHostName, knownHostsLine, sha256Fingerprint } from '../../../src/core/engine/ssh/knownHosts';
import { useTempDirs } from '../../support/tempDir';

const run = promisify(execFile);

interface TestKey {
  type: string;
  /** `type base64` as in a .pub file. */
  pub: string;
  blob: Buffer;
  file: string;
}

describe('known_hosts', function () {
  this.timeout(60_000);
  const tempDir = useTempDirs('known-hosts');
  let dir: string;
  const keys: Record<string, TestKey> = {};

  async function makeKey(name: string, args: string[]): Promise<TestKey> {
    const file = join(dir, name);
    await run('ssh-keygen', ['-q', '-N', '', '-C', name, '-f', file, ...args]);
    const [type, base64] = (await readFile(`${file}.pub`, 'utf8')).trim().split(/\s+/);
    return { type, pub: `${type} ${base64}`, blob: Buffer.from(base64, 'base64'), file };
  }

  before(async () => {
    dir = await tempDir();
    const made = await Promise.all([
      makeKey('ed1', ['-t', 'ed25519']),
      makeKey('ed2', ['-t', 'ed25519']),
      makeKey('ec256', ['-t', 'ecdsa', '-b', '256']),
      makeKey('ec384', ['-t', 'ecdsa', '-b', '384']),
      makeKey('ec521', ['-t', 'ecdsa', '-b', '521']),
      makeKey('rsa', ['-t', 'rsa', '-b', '2048']),
    ]);
    for (const key of made) keys[key.file.split('/').pop()!] = key;
  });

  describe('key blobs', () => {
    it('reads the key type from the blob, for every key type ssh-keygen makes', () => {
      assert.equal(keyTypeOf(keys.ed1.blob), 'ssh-ed25519');
      assert.equal(keyTypeOf(keys.ec256.blob), 'ecdsa-sha2-nistp256');
      assert.equal(keyTypeOf(keys.ec384.blob), 'ecdsa-sha2-nistp384');
      assert.equal(keyTypeOf(keys.ec521.blob), 'ecdsa-sha2-nistp521');
      assert.equal(keyTypeOf(keys.rsa.blob), 'ssh-rsa');
      assert.throws(() => keyTypeOf(Buffer.from('nonsense')));
    });

    it('prints fingerprints exactly as ssh-keygen -lf does', async () => {
      for (const key of Object.values(keys)) {
        const { stdout } = await run('ssh-keygen', ['-lf', `${key.file}.pub`]);
        assert.equal(sha256Fingerprint(key.blob), stdout.split(' ')[1], key.file);
      }
    });
  });

  describe('checkHostKey', () => {
    it('finds plain entries, [host]:port for other ports, and matches host names case-insensitively', () => {
      const text = `server.example.com ${keys.ed1.pub}\n[server.example.com]:2222 ${keys.ed2.pub}\n`;
      assert.equal(checkHostKey([text], 'server.example.com', 22, keys.ed1.blob).status, 'known');
      assert.equal(checkHostKey([text], 'SERVER.example.COM', 22, keys.ed1.blob).status, 'known');
      assert.equal(checkHostKey([text], 'server.example.com', 2222, keys.ed2.blob).status, 'known');
      // A plain entry vouches for port 22 only.
      assert.equal(checkHostKey([`server.example.com ${keys.ed1.pub}`], 'server.example.com', 2222, keys.ed1.blob).status, 'unknown');
      assert.equal(checkHostKey([text], 'other.example.com', 22, keys.ed1.blob).status, 'unknown');
    });

    it('reports where the vouching line is', () => {
      const check = checkHostKey(
        [{ path: '/x/known_hosts', text: `# comment\n\nhost ${keys.ec256.pub}\r\nhost ${keys.ed1.pub}\n` }],
        'host',
        22,
        keys.ed1.blob,
      );
      assert.equal(check.status, 'known');
      assert.deepEqual(check.location, { path: '/x/known_hosts', line: 4 });
      assert.equal(check.keyType, 'ssh-ed25519');
      assert.equal(check.fingerprint, sha256Fingerprint(keys.ed1.blob));
      assert.deepEqual(check.knownKeyTypes.sort(), ['ecdsa-sha2-nistp256', 'ssh-ed25519']);
    });

    it('matches comma lists, * and ? wildcards, and ! negation', () => {
      const text = `*.example.com,!bad.example.com,db?.internal ${keys.ed1.pub}\n[*.example.org]:2200 ${keys.ed1.pub}\n`;
      const status = (host: string, port = 22) => checkHostKey([text], host, port, keys.ed1.blob).status;
      assert.equal(status('a.example.com'), 'known');
      assert.equal(status('deep.sub.example.com'), 'known');
      assert.equal(status('example.com'), 'unknown');
      assert.equal(status('bad.example.com'), 'unknown');
      assert.equal(status('db1.internal'), 'known');
      assert.equal(status('db12.internal'), 'unknown');
      assert.equal(status('x.example.org', 2200), 'known');
      assert.equal(status('x.example.org', 22), 'unknown');
    });

    it('reads entries hashed by ssh-keygen -H', async () => {
      const file = join(dir, 'hashed_known_hosts');
      await writeFile(file, `server.example.com ${keys.ed1.pub}\n[127.0.0.1]:2222 ${keys.ec384.pub}\n`);
      await run('ssh-keygen', ['-H', '-f', file]);
      const text = await readFile(file, 'utf8');
      assert.doesNotMatch(text, /example\.com|127\.0\.0\.1/, 'ssh-keygen -H hashed the names');
      assert.equal(checkHostKey([text], 'server.example.com', 22, keys.ed1.blob).status, 'known');
      assert.equal(checkHostKey([text], '127.0.0.1', 2222, keys.ec384.blob).status, 'known');
      assert.equal(checkHostKey([text], '127.0.0.1', 22, keys.ec384.blob).status, 'unknown');
      assert.equal(checkHostKey([text], 'other.example.com', 22, keys.ed1.blob).status, 'unknown');
      assert.equal(checkHostKey([text], 'server.example.com', 22, keys.ed2.blob).status, 'changed');
    });

    it('says changed when the host has another key of the same type, and where', () => {
      const check = checkHostKey([{ path: 'kh', text: `host ${keys.ec521.pub}\nhost ${keys.ed2.pub}\n` }], 'host', 22, keys.ed1.blob);
      assert.equal(check.status, 'changed');
      assert.deepEqual(check.location, { path: 'kh', line: 2 });
    });

    it('says changed when only keys of other types are known, naming the last of them, as ssh does', () => {
      const check = checkHostKey([{ path: 'kh', text: `host ${keys.rsa.pub}\nhost ${keys.ec256.pub}` }], 'host', 22, keys.ed1.blob);
      assert.equal(check.status, 'changed');
      assert.deepEqual(check.location, { path: 'kh', line: 2 });
      assert.equal(check.offendingKeyType, 'ecdsa-sha2-nistp256');
      assert.deepEqual(check.knownKeyTypes, ['ssh-rsa', 'ecdsa-sha2-nistp256']);
    });

    it('passes over lines whose key does not parse, so they change nothing', () => {
      const [type, base64] = keys.ed1.pub.split(' ');
      const corrupt = [
        `host ${type} ${base64}!!`,
        `host ssh-rsa ${base64}`,
        `host ${type} ${base64.slice(0, -4)}`,
        `host ${type} ${base64}AAAA`,
        `host ${type}`,
      ].join('\n');
      assert.equal(checkHostKey([corrupt], 'host', 22, keys.ed2.blob).status, 'unknown');
    });

    it('takes the bare host name for another port only as ssh does: the same key, nothing for [host]:port', () => {
      const bare = `host ${keys.ed1.pub}\n`;
      assert.equal(checkHostKey([bare], 'host', 2222, keys.ed1.blob, { bareHostFallback: true }).status, 'known');
      assert.equal(checkHostKey([bare], 'host', 2222, keys.ed1.blob).status, 'unknown', 'not with HostKeyAlias');
      assert.equal(
        checkHostKey([bare], 'host', 2222, keys.ed2.blob, { bareHostFallback: true }).status,
        'unknown',
        'another key under the bare name is not a change for [host]:port',
      );
      assert.equal(checkHostKey([`${bare}[host]:2222 ${keys.ed2.pub}\n`], 'host', 2222, keys.ed1.blob, { bareHostFallback: true }).status, 'changed');
    });

    it('refuses a @revoked key even when another line vouches for it, in any file', () => {
      const files = [
        { path: 'a', text: `host ${keys.ed1.pub}\n` },
        { path: 'b', text: `# revoked\n@revoked * ${keys.ed1.pub}\n` },
      ];
      const check = checkHostKey(files, 'host', 22, keys.ed1.blob);
      assert.equal(check.status, 'revoked');
      assert.deepEqual(check.location, { path: 'b', line: 2 });
      // Only that key is revoked.
      assert.equal(checkHostKey([...files, { path: 'c', text: `host ${keys.ed2.pub}` }], 'host', 22, keys.ed2.blob).status, 'known');
    });

    it('ignores @cert-authority lines, comments, blank and malformed lines', () => {
      const text = [
        `@cert-authority * ${keys.ed1.pub}`,
        '# host ssh-ed25519 AAAA',
        '',
        'host',
        'host ssh-ed25519',
        `@unknown-marker host ${keys.ed1.pub}`,
        `|1|bad|hash ${keys.ed1.pub}`,
      ].join('\n');
      assert.equal(checkHostKey([text], 'host', 22, keys.ed1.blob).status, 'unknown');
    });

    it('compares security-key (sk-*) blobs exactly', () => {
      const sshString = (value: Buffer | string) => {
        const data = Buffer.from(value);
        const length = Buffer.alloc(4);
        length.writeUInt32BE(data.length);
        return Buffer.concat([length, data]);
      };
      const skKey = (seed: number) => Buffer.concat([sshString('sk-ssh-ed25519@openssh.com'), sshString(Buffer.alloc(32, seed)), sshString('ssh:')]);
      const [one, two] = [skKey(1), skKey(2)];
      assert.equal(keyTypeOf(one), 'sk-ssh-ed25519@openssh.com');
      const text = knownHostsLine('host', 22, one);
      assert.equal(checkHostKey([text], 'host', 22, one).status, 'known');
      assert.equal(checkHostKey([text], 'host', 22, two).status, 'changed');
    });
  });

  describe('writing', () => {
    it('writes plain lines with [host]:port for other ports, which ssh-keygen -F finds', async () => {
      assert.equal(knownHostName('Example.COM', 22), 'example.com');
      assert.equal(knownHostName('127.0.0.1', 2222), '[127.0.0.1]:2222');
      assert.equal(knownHostsLine('example.com', 22, keys.ed1.blob), `example.com ${keys.ed1.pub}`);
      assert.equal(knownHostsLine('127.0.0.1', 2222, keys.ec256.blob), `[127.0.0.1]:2222 ${keys.ec256.pub}`);
      const file = join(dir, 'written_plain');
      await writeFile(file, `${knownHostsLine('127.0.0.1', 2222, keys.ec256.blob)}\n`);
      const found = await run('ssh-keygen', ['-F', '[127.0.0.1]:2222', '-f', file]);
      assert.match(found.stdout, /ecdsa-sha2-nistp256/);
    });

    it('writes hashed lines that ssh-keygen -F finds and we read back', async () => {
      const line = knownHostsLine('127.11.2.3', 2200, keys.rsa.blob, { hashed: true });
      assert.match(line, /^\|1\|[A-Za-z0-9+/=]+\|[A-Za-z0-9+/=]+ ssh-rsa /);
      const file = join(dir, 'written_hashed');
      await writeFile(file, `${line}\n`);
      const found = await run('ssh-keygen', ['-F', '[127.11.2.3]:2200', '-f', file]);
      assert.match(found.stdout, /ssh-rsa/);
      await assert.rejects(run('ssh-keygen', ['-F', '127.11.2.3', '-f', file]), 'not for port 22');
      assert.equal(checkHostKey([line], '127.11.2.3', 2200, keys.rsa.blob).status, 'known');
    });

    it('appends, creating ~/.ssh with 0700 and the file with 0600, and keeps lines apart', async () => {
      const home = await tempDir();
      const file = join(home, '.ssh', 'known_hosts');
      await appendKnownHost(file, knownHostsLine('a', 22, keys.ed1.blob));
      assert.equal((await stat(join(home, '.ssh'))).mode & 0o777, 0o700);
      assert.equal((await stat(file)).mode & 0o777, 0o600);
      await writeFile(file, `${await readFile(file, 'utf8')}# no newline at the end`);
      await appendKnownHost(file, knownHostsLine('b', 22, keys.ed2.blob));
      const lines = (await readFile(file, 'utf8')).split('\n');
      assert.deepEqual(lines, [`a ${keys.ed1.pub}`, '# no newline at the end', `b ${keys.ed2.pub}`, '']);
      assert.equal(checkHostKey([lines.join('\n')], 'b', 22, keys.ed2.blob).status, 'known');
    });
  });
});
