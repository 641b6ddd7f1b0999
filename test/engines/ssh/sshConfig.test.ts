/**
 * ~/.ssh/config resolution with OpenSSH's rules: first value wins, Host patterns match the alias,
 * the URL's user and port beat the config, Include is read in place, Match never runs anything.
 */
import { strict as assert } from 'node:assert';
import { mkdir, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import { join } from 'node:path';

import { parseProxyJump, parseSshUrl } from '../../../src/core/engine/ssh/sshAddress';
import type { ResolveSshOptions, SshTarget } from '../../../src/core/engine/ssh/sshConfig';
import { splitArguments } from '../../../src/core/engine/ssh/sshConfigSyntax';
import { resolveSshRoute } from '../../../src/core/engine/ssh/sshRoute';
import { useTempDirs } from '../../support/tempDir';

describe('ssh config', () => {
  const tempDir = useTempDirs('ssh-config');
  let home: string;
  let options: ResolveSshOptions;
  const resolve = async (url: string, configText: string, extra: Partial<ResolveSshOptions> = {}): Promise<SshTarget> =>
    resolveSshRoute(url, { ...options, configText, ...extra }).target;
  const resolveSshTarget = async (url: string, resolveOptions: ResolveSshOptions): Promise<SshTarget> => resolveSshRoute(url, resolveOptions).target;

  beforeEach(async () => {
    home = await tempDir();
    await mkdir(join(home, '.ssh'), { mode: 0o700 });
    options = { home, env: {}, systemConfigPath: null, localUser: 'me' };
  });

  describe('addresses', () => {
    it('parses ssh:// URLs with and without user and port, IPv6 included', () => {
      assert.deepEqual(parseSshUrl('ssh://host'), { host: 'host', user: undefined, port: undefined, socketPath: undefined });
      assert.deepEqual(parseSshUrl('ssh://deploy@127.0.0.5:2222'), { host: '127.0.0.5', user: 'deploy', port: 2222, socketPath: undefined });
      assert.deepEqual(parseSshUrl('ssh://root@[::1]:22'), { host: '::1', user: 'root', port: 22, socketPath: undefined });
      assert.throws(() => parseSshUrl('tcp://host:2375'));
      assert.throws(() => parseSshUrl('not a url'));
    });

    it('parses ProxyJump lists', () => {
      assert.deepEqual(parseProxyJump('bastion'), [{ host: 'bastion', user: undefined, port: undefined }]);
      assert.deepEqual(parseProxyJump('a@b:2200,ssh://c@d:2201,[fe80::1]:22'), [
        { host: 'b', user: 'a', port: 2200 },
        { host: 'd', user: 'c', port: 2201 },
        { host: 'fe80::1', user: undefined, port: 22 },
      ]);
      assert.equal(parseProxyJump('none'), undefined);
    });
  });

  describe('syntax', () => {
    it('splits arguments with quotes, escapes and trailing comments', () => {
      assert.deepEqual(splitArguments('a "b c" \'d e\' f\\ g # comment'), ['a', 'b c', 'd e', 'f g']);
      assert.deepEqual(splitArguments('"unbalanced'), undefined);
      assert.deepEqual(splitArguments('x#notacomment'), ['x#notacomment']);
    });
  });

  describe('resolution', () => {
    it('uses OpenSSH defaults without a config', async () => {
      await writeFile(join(home, '.ssh', 'id_rsa'), 'key');
      await writeFile(join(home, '.ssh', 'id_ed25519'), 'key');
      const target = await resolve('ssh://server', '');
      assert.equal(target.alias, 'server');
      assert.equal(target.hostname, 'server');
      assert.equal(target.port, 22);
      assert.equal(target.user, 'me');
      // ssh 9.2's default list, in its order, whether or not the files exist (missing ones are passed over when connecting).
      assert.deepEqual(
        target.identityFiles,
        ['id_rsa', 'id_ecdsa', 'id_ecdsa_sk', 'id_ed25519', 'id_ed25519_sk', 'id_xmss', 'id_dsa'].map((name) => join(home, '.ssh', name)),
      );
      assert.equal(target.identitiesOnly, false);
      assert.deepEqual(target.knownHostsFiles, [join(home, '.ssh', 'known_hosts'), join(home, '.ssh', 'known_hosts2')]);
      assert.equal(target.proxyJump, undefined);
      assert.equal(target.strictHostKeyChecking, false);
    });

    it('defaults the user to the local login name, not $USER', async () => {
      const target = await resolveSshTarget('ssh://server', { home, env: { USER: 'somebody-else' }, systemConfigPath: null, configText: '' });
      assert.equal(target.user, os.userInfo().username);
    });

    it('resolves an alias: HostName with %h, User, Port, IdentityFile with ~ and % tokens', async () => {
      const config = [
        'Host prod',
        '  HostName %h.example.com',
        '  User deploy',
        '  Port 2222',
        '  IdentityFile ~/.ssh/prod_key',
        '  IdentityFile %d/keys/%r@%h-%u',
        '  IdentitiesOnly yes',
      ].join('\n');
      const target = await resolve('ssh://prod', config);
      assert.equal(target.hostname, 'prod.example.com');
      assert.equal(target.user, 'deploy');
      assert.equal(target.port, 2222);
      assert.deepEqual(target.identityFiles, [join(home, '.ssh', 'prod_key'), join(home, 'keys', 'deploy@prod.example.com-me')]);
      assert.equal(target.identitiesOnly, true);
    });

    it('lets the URL user and port win over the config, like ssh -l and -p', async () => {
      const target = await resolve('ssh://admin@prod:2200', 'Host prod\n  User deploy\n  Port 2222\n');
      assert.equal(target.user, 'admin');
      assert.equal(target.port, 2200);
    });

    it('keeps the first value obtained, so specific blocks must come before Host *', async () => {
      const config = ['Host *', '  User everyone', '  Port 2000', 'Host prod', '  User deploy', '  HostName prod.example.com', ''].join('\n');
      const target = await resolve('ssh://prod', config);
      assert.equal(target.user, 'everyone', 'Host * came first');
      assert.equal(target.port, 2000);
      assert.equal(target.hostname, 'prod.example.com', 'not set by Host *, so the later block sets it');
      const reordered = await resolve('ssh://prod', ['Host prod', '  User deploy', 'Host *', '  User everyone'].join('\n'));
      assert.equal(reordered.user, 'deploy');
    });

    it('accumulates IdentityFile from every matching block, in order', async () => {
      const target = await resolve('ssh://prod', 'Host prod\n IdentityFile /k/one\nHost *\n IdentityFile /k/two\n');
      assert.deepEqual(target.identityFiles, ['/k/one', '/k/two']);
    });

    it('matches several patterns per Host line, wildcards and negation, case and all (as ssh)', async () => {
      const config = ['Host web? *.internal !secret.internal', '  User matched', ''].join('\n');
      assert.equal((await resolve('ssh://web1', config)).user, 'matched');
      assert.equal((await resolve('ssh://WEB2', config)).user, 'me', 'ssh compares Host patterns exactly');
      assert.equal((await resolve('ssh://db.internal', config)).user, 'matched');
      assert.equal((await resolve('ssh://secret.internal', config)).user, 'me');
      assert.equal((await resolve('ssh://web10', config)).user, 'me');
    });

    it('reads key=value and key value forms, quoted values, keywords in any case, comments', async () => {
      const config = [
        '# comment',
        'HOST=prod',
        '  hostname = prod.example.com',
        '  USER "deploy"',
        '  IdentityFile "/keys/with space/id"  # trailing comment',
        '  userknownhostsfile ~/kh1 "/x y/kh2"',
        '\tPort\t2022',
      ].join('\n');
      const target = await resolve('ssh://prod', config);
      assert.equal(target.hostname, 'prod.example.com');
      assert.equal(target.user, 'deploy');
      assert.equal(target.port, 2022);
      assert.deepEqual(target.identityFiles, ['/keys/with space/id']);
      assert.deepEqual(target.knownHostsFiles, [join(home, 'kh1'), '/x y/kh2']);
    });

    it('skips Match blocks it cannot evaluate without running anything, and evaluates simple ones', async () => {
      const marker = join(home, 'ran');
      const config = [
        `Match exec "touch ${marker}"`,
        '  User from-exec',
        'Match host *.example.com user deploy',
        '  Port 2201',
        'Match originalhost prod !localuser nobody',
        '  IdentityFile /k/match',
        'Host prod',
        '  HostName prod.example.com',
        '  User deploy',
        'Match all',
        '  Port 2299',
      ].join('\n');
      const target = await resolve('ssh://prod', config);
      assert.equal(target.user, 'deploy');
      assert.deepEqual(target.identityFiles, ['/k/match']);
      // "Match host" saw no HostName yet (it comes later), so only "Match all" set the port.
      assert.equal(target.port, 2299);
      await assert.rejects(
        import('node:fs/promises').then((fs) => fs.stat(marker)),
        'exec never ran',
      );
    });

    it('reads Include relative to ~/.ssh, with globs, in place and only inside a matching block', async () => {
      await mkdir(join(home, '.ssh', 'conf.d'));
      await writeFile(join(home, '.ssh', 'conf.d', '10-prod.conf'), 'Host prod\n  HostName prod.example.com\n  User from-include\n');
      await writeFile(join(home, '.ssh', 'conf.d', '20-other.conf'), 'Host prod\n  User second-include\n  Port 2020\n');
      await writeFile(join(home, '.ssh', 'conf.d', 'ignored.txt'), 'Host *\n  Port 1\n');
      await writeFile(join(home, '.ssh', 'never'), 'Host *\n  IdentityFile /k/never\n');
      const config = ['Host nomatch', '  Include never', 'Host *', '  Include conf.d/*.conf', '  User after-include', ''].join('\n');
      const target = await resolve('ssh://prod', config);
      assert.equal(target.hostname, 'prod.example.com');
      assert.equal(target.user, 'from-include');
      assert.equal(target.port, 2020);
      assert.ok(!target.identityFiles.includes('/k/never'), 'the Include inside a block that does not match applies nothing');
    });

    it('reads ~/.ssh/config from the home it is given', async () => {
      await writeFile(join(home, '.ssh', 'config'), 'Host prod\n  HostName from-file.example.com\n');
      const target = await resolveSshTarget('ssh://prod', { home, env: {}, systemConfigPath: null });
      assert.equal(target.hostname, 'from-file.example.com');
    });

    it('reads the system config after the user one', async () => {
      const system = join(home, 'ssh_config');
      await writeFile(system, 'Host *\n  User system\n  Port 2345\n  HashKnownHosts yes\n');
      const target = await resolve('ssh://prod', 'Host prod\n  Port 2200\n', { systemConfigPath: system });
      assert.equal(target.user, 'system');
      assert.equal(target.port, 2200);
      assert.equal(target.hashKnownHosts, true);
    });

    it('reads ProxyJump, known hosts files, host key options and the agent socket', async () => {
      const config = [
        'Host prod',
        '  ProxyJump jump@bastion:2200,inner',
        '  UserKnownHostsFile ${KH_DIR}/kh',
        '  GlobalKnownHostsFile none',
        '  StrictHostKeyChecking yes',
        '  HostKeyAlias prod-key',
        'Host nojump',
        '  ProxyJump none',
        '  IdentityAgent ~/agent.sock',
        'Host * !bastion',
        '  ProxyJump never-used',
      ].join('\n');
      const target = await resolve('ssh://prod', config, { env: { KH_DIR: '/kh', SSH_AUTH_SOCK: '/env/agent' } });
      assert.equal(target.proxyJump, 'jump@bastion:2200,inner');
      assert.deepEqual(target.knownHostsFiles, ['/kh/kh']);
      assert.deepEqual(target.globalKnownHostsFiles, []);
      assert.equal(target.strictHostKeyChecking, true);
      assert.equal(target.hostKeyAlias, 'prod-key');
      assert.equal(target.agentSocket, '/env/agent');
      const nojump = await resolve('ssh://nojump', config, { env: { SSH_AUTH_SOCK: '/env/agent' } });
      assert.equal(nojump.proxyJump, undefined, 'ProxyJump none is the first value');
      assert.equal(nojump.agentSocket, join(home, 'agent.sock'));
    });
  });
});
