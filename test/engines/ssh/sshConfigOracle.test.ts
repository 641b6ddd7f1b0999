/**
 * Our ssh_config resolution against OpenSSH's own, over a corpus of odd configs: for every config
 * and host, `ssh -G -F FILE [-l USER] [-p PORT] HOST` says what ssh resolves (and `ssh -v` with
 * `ProxyCommand true`, which connects nowhere, lists the identity files as ssh expands them); a
 * config ssh refuses must be refused by us with the same "line N: …" reason. No expectation here is
 * typed by hand. Jump hosts are compared hop by hop with the arguments ssh gives the ssh it starts
 * for them (`-l`, `-p`, `-J` for the hosts before).
 */
import { strict as assert } from 'node:assert';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import { join } from 'node:path';

import { spawnProxyCommand } from '../../../src/core/engine/ssh/proxyCommand';
import { parseProxyJump } from '../../../src/core/engine/ssh/sshAddress';
import type { SshTarget } from '../../../src/core/engine/ssh/sshConfig';
import { SshConfigError } from '../../../src/core/engine/ssh/sshErrors';
import { resolveSshRoute } from '../../../src/core/engine/ssh/sshRoute';
import { runProcess } from '../../support/runProcess';
import { useTempDirs } from '../../support/tempDir';

interface Case {
  /** Config lines; `%DIR%` is the case's folder. */
  config: string[];
  /** Hosts to resolve, as `[user@]host[:port]`. */
  hosts: string[];
  /** Extra files, relative to %DIR%. */
  files?: Record<string, string>;
}

const corpus: Record<string, Case> = {
  'Host pattern case': {
    config: ['Host Prod', '  User upper', 'Host prod', '  User lower', 'Host PROD*', '  Port 2001', 'Host *', '  HostName %h.Example.COM'],
    hosts: ['prod', 'Prod', 'PROD', 'PRODx', 'other'],
  },
  'first value wins, -l and -p beat the config': {
    config: ['Host *.internal', '  User first', '  Port 2200', 'Host db.internal', '  User second', '  HostName 10.0.0.%h', 'Host *', '  Port 2300'],
    hosts: ['db.internal', 'admin@db.internal:2022', 'web.internal', 'x'],
  },
  'Port notanumber': { config: ['Host *', '  Port notanumber'], hosts: ['x'] },
  'Port 0': { config: ['Host *', '  Port 0'], hosts: ['x'] },
  'Port 65536': { config: ['Host *', '  Port 65536'], hosts: ['x'] },
  'Port 22x in a block that does not match': { config: ['Host other', '  Port 22x', 'Host *', '  User u'], hosts: ['x'] },
  'extra argument': { config: ['Host *', '  User a b'], hosts: ['x'] },
  'open quote': { config: ['Host *', '  IdentityFile "/k/unterminated'], hosts: ['x'] },
  'tokens %k %C %h %n %p %r %u %l %L %d %i %%': {
    config: [
      'Host aliased',
      '  HostKeyAlias key-of-%h',
      'Host *',
      '  HostName %h.example',
      '  User deploy',
      '  Port 2222',
      '  IdentityFile /k/%k/%C/%h-%n-%p-%r-%u-%l-%L-%d-%i-%%',
      '  UserKnownHostsFile /kh/%k/%C %d/.kh/%h',
    ],
    hosts: ['aliased', 'plain', 'root@plain:23'],
  },
  ServerAlive: {
    config: [
      'Host a',
      '  ServerAliveInterval 1m30s',
      'Host b',
      '  ServerAliveInterval 15',
      '  ServerAliveCountMax 0',
      'Host c',
      '  ServerAliveInterval 0',
      'Host d',
      '  ServerAliveCountMax 7',
    ],
    hosts: ['a', 'b', 'c', 'd', 'e'],
  },
  'ServerAliveInterval abc': { config: ['Host *', '  ServerAliveInterval abc'], hosts: ['x'] },
  'ServerAliveCountMax x': { config: ['Host *', '  ServerAliveCountMax x'], hosts: ['x'] },
  'unknown token %j': { config: ['Host *', '  IdentityFile /k/%j'], hosts: ['x'] },
  'environment variables': { config: ['Host *', '  UserKnownHostsFile ${DCG_TEST_KH}/kh', '  IdentityFile ${DCG_TEST_KH}/id'], hosts: ['x'] },
  'identity order and duplicates': {
    config: [
      'Host a*',
      '  IdentityFile ~/.ssh/one',
      '  IdentityFile /k/two',
      'Host *',
      '  IdentityFile ~/.ssh/one',
      '  IdentityFile ~/.ssh/../.ssh/one',
      '  IdentityFile /k/two',
      '  IdentityFile rel/three',
    ],
    hosts: ['abc', 'xyz'],
  },
  'default identities and known hosts files': { config: ['Host nothing-here', '  User u'], hosts: ['x'] },
  'ProxyJump and ProxyCommand compete': {
    config: [
      'Host jn-then-pc',
      '  ProxyJump none',
      '  ProxyCommand nc %h %p',
      'Host pc-none-then-jump',
      '  ProxyCommand none',
      '  ProxyJump j1',
      'Host jump-then-pc',
      '  ProxyJump j1,u@j2:2200',
      '  ProxyCommand nc %h %p',
      'Host pc-then-jump',
      '  ProxyCommand nc %h %p',
      '  ProxyJump j1',
      'Host jn-then-jump',
      '  ProxyJump none',
      'Host jn-then-jump',
      '  ProxyJump j1',
    ],
    hosts: ['jn-then-pc', 'pc-none-then-jump', 'jump-then-pc', 'pc-then-jump', 'jn-then-jump'],
  },
  'jump hosts with proxies of their own': {
    config: [
      'Host target',
      '  ProxyJump first,second@mid:2200,third',
      'Host first',
      '  HostName 127.0.0.1',
      '  ProxyJump outer@outer.example:2022',
      'Host mid',
      '  ProxyCommand nc %h %p',
      '  User ignored',
      'Host third',
      '  ProxyJump never-followed',
      'Host outer.example',
      '  ProxyCommand nc -X connect %h %p',
      'Host viacommand',
      '  ProxyJump none',
      '  ProxyCommand ssh -W %h:%p bastion',
    ],
    hosts: ['target', 'first', 'mid', 'third', 'viacommand'],
  },
  Match: {
    config: [
      'Match originalhost PROD',
      '  Port 2002',
      'Match host prod.example.com user deploy',
      '  Port 2003',
      'Match user root !localuser nobody',
      '  IdentityFile /k/match-user',
      'Host prod',
      '  HostName prod.example.com',
      '  User deploy',
      'Match host *.EXAMPLE.com',
      '  UserKnownHostsFile /kh/match-host',
      'Match final',
      '  HostKeyAlias final-%h',
      'Match all',
      '  Port 2099',
    ],
    hosts: ['prod', 'PROD', 'root@other'],
  },
  'CanonicalizeHostname without lookups': {
    config: [
      'Host *',
      '  CanonicalizeHostname yes',
      '  User u',
      'Match canonical',
      '  Port 2400',
      '  User canon',
      'Host canon-off',
      '  CanonicalizeHostname no',
    ],
    hosts: ['plain', '127.0.0.1', 'canon-off'],
  },
  Include: {
    config: ['Host *', '  Include %DIR%/conf.d/*.conf %DIR%/missing %DIR%/adir', '  User after', 'Host nomatch', '  Include %DIR%/never'],
    files: {
      'conf.d/10-a.conf': 'Host prod\n  User from-a\n  Port 2500\n',
      'conf.d/20-b.conf': 'Host *\n  IdentityFile /k/from-b\n',
      'conf.d/skip.txt': 'Host *\n  Port 1\n',
      never: 'Host *\n  IdentityFile /k/never\n',
    },
    hosts: ['prod', 'x'],
  },
  'Include with a bad line in a block that does not match': {
    config: ['Host nomatch', '  Include %DIR%/bad'],
    files: { bad: 'Port notanumber\n' },
    hosts: ['x'],
  },
};

/** `ssh -G`'s keyword → values (multi-valued keywords keep every line). */
type Resolved = Map<string, string[]>;

function hostArgs(spec: string): string[] {
  const match = /^(?:([^@]+)@)?([^:]+)(?::(\d+))?$/.exec(spec)!;
  return [...(match[1] ? ['-l', match[1]] : []), ...(match[3] ? ['-p', match[3]] : []), match[2]];
}

async function sshG(configFile: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ resolved?: Resolved; error?: string }> {
  const result = await runProcess('ssh', ['-G', '-F', configFile, ...args], { env });
  if (result.code !== 0) return { error: result.stderr.split(/\r?\n/)[0] };
  const resolved: Resolved = new Map();
  for (const line of result.stdout.split('\n').filter(Boolean)) {
    const space = line.indexOf(' ');
    const [keyword, value] = [line.slice(0, space), line.slice(space + 1)];
    resolved.set(keyword, [...(resolved.get(keyword) ?? []), value]);
  }
  return { resolved };
}

/**
 * The identity files as ssh expands them when it loads them (`ssh -v`, ProxyCommand true: nothing
 * is reached), or the expansion error that stops it there.
 */
async function sshIdentities(configFile: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ files: string[]; error?: string }> {
  const result = await runProcess('ssh', ['-v', '-F', configFile, '-o', 'ProxyCommand=true', '-o', 'BatchMode=yes', ...args, 'true'], { env });
  const expandError = /^(.*(?:unknown key|failed).*)$/m.exec(result.stderr.replace(/\r/g, ''));
  const files = [...result.stderr.matchAll(/^debug1: identity file (.*) type -?\d+\r?$/gm)].map((match) => match[1]);
  // ssh also tries FILE-cert after each FILE (user certificates): not part of the list.
  return { files: files.filter((file, index) => !(file.endsWith('-cert') && files[index - 1] === file.slice(0, -'-cert'.length))), error: expandError?.[1] };
}

/** What we resolve, in ssh -G's words, for the keywords both know. */
function ours(target: SshTarget): Record<string, string> {
  return {
    hostname: target.hostname,
    port: String(target.port),
    user: target.user,
    identitiesonly: target.identitiesOnly ? 'yes' : 'no',
    userknownhostsfile: target.knownHostsFiles.join(' '),
    globalknownhostsfile: target.globalKnownHostsFiles.join(' '),
    hostkeyalias: target.hostKeyAlias ?? '',
    hashknownhosts: target.hashKnownHosts ? 'yes' : 'no',
    proxyjump: target.proxyJump ?? '',
    proxycommand: target.proxyCommand ?? '',
    serveraliveinterval: String((target.serverAliveIntervalMs ?? 0) / 1000),
    serveralivecountmax: String(target.serverAliveCountMax ?? 3),
  };
}

function theirs(resolved: Resolved): Record<string, string> {
  const one = (keyword: string) => resolved.get(keyword)?.[0] ?? '';
  return Object.fromEntries(
    [
      'hostname',
      'port',
      'user',
      'identitiesonly',
      'userknownhostsfile',
      'globalknownhostsfile',
      'hostkeyalias',
      'hashknownhosts',
      'proxyjump',
      'proxycommand',
      'serveraliveinterval',
      'serveralivecountmax',
    ].map((keyword) => [keyword, one(keyword)]),
  );
}

describe('ssh config, differentially against ssh -G', function () {
  this.timeout(120_000);
  const tempDir = useTempDirs('ssh-config-oracle');
  const home = os.userInfo().homedir; // ssh takes ~ from the passwd entry
  const env = { ...process.env, DCG_TEST_KH: '/kh-from-env' };

  for (const [name, testCase] of Object.entries(corpus)) {
    it(`resolves as ssh does: ${name}`, async () => {
      const dir = await tempDir();
      const fill = (text: string) => text.replace(/%DIR%/g, dir);
      const configFile = join(dir, 'config');
      const configText = `${fill(testCase.config.join('\n'))}\n`;
      await writeFile(configFile, configText);
      await mkdir(join(dir, 'adir'));
      for (const [file, text] of Object.entries(testCase.files ?? {})) {
        await mkdir(join(dir, file, '..'), { recursive: true });
        await writeFile(join(dir, file), text);
      }
      const options = { home, env, configText, systemConfigPath: null };
      for (const host of testCase.hosts) {
        const oracle = await sshG(configFile, hostArgs(host), env);
        let route: ReturnType<typeof resolveSshRoute> | undefined;
        let error: unknown;
        try {
          route = resolveSshRoute(`ssh://${host}`, options);
        } catch (caught) {
          error = caught;
        }
        if (oracle.error !== undefined) {
          assert.ok(error instanceof SshConfigError, `${host}: ssh refuses (${oracle.error}); we resolved ${JSON.stringify(route?.target)} ${String(error)}`);
          assert.ok(error.message.includes(oracle.error.replace(/^\S+ (line \d+:)/, '$1')), `${host}: ssh says "${oracle.error}", we say "${error.message}"`);
          continue;
        }
        const identities = await sshIdentities(configFile, hostArgs(host), env);
        if (identities.error !== undefined) {
          // ssh -G prints file names unexpanded; ssh itself stops when it expands them.
          assert.ok(error instanceof SshConfigError, `${host}: ssh stops at "${identities.error}"; we resolved`);
          continue;
        }
        assert.ifError(error);
        assert.deepEqual(ours(route!.target), theirs(oracle.resolved!), `${host} in ${name}`);
        assert.deepEqual(route!.target.identityFiles, identities.files, `${host}: identity files`);
        // Jump hosts: each as the ssh that ssh starts for it resolves it (`-J` naming the hosts before).
        const specs = parseProxyJump(route!.target.proxyJump ?? 'none') ?? [];
        for (let index = 1; index < specs.length; index++) {
          const spec = specs[index];
          const args = [
            ...(spec.user ? ['-l', spec.user] : []),
            ...(spec.port ? ['-p', String(spec.port)] : []),
            '-J',
            route!.target.proxyJump!.split(',').slice(0, index).join(','),
            spec.host,
          ];
          const hop = await sshG(configFile, args, env);
          const ourHop = route!.hops[route!.hops.length - specs.length + index];
          const expected = { ...theirs(hop.resolved!), proxyjump: '', proxycommand: '' }; // reached through the hosts before it
          assert.deepEqual(ours(ourHop), expected, `${host}: jump host ${spec.host}`);
        }
        if (specs.length > 0) {
          const first = specs[0];
          const args = [...(first.user ? ['-l', first.user] : []), ...(first.port ? ['-p', String(first.port)] : []), first.host];
          const hop = await sshG(configFile, args, env);
          const ourFirst = route!.hops[route!.hops.length - specs.length];
          assert.deepEqual(ours(ourFirst), theirs(hop.resolved!), `${host}: first jump host ${first.host} (its own proxies followed)`);
        }
      }
    });
  }

  it('expands ProxyCommand tokens as ssh does, and refuses the ones ssh refuses there', async () => {
    const dir = await tempDir();
    for (const tokens of ['%h %n %p %r %k %%', '%C', '%d', '%u', '%l', '%s']) {
      const configFile = join(dir, 'config');
      const configText = `Host *\n  HostName 127.0.0.1\n  Port 2299\n  User someone\n  HostKeyAlias key-%h\n  ProxyCommand echo ${tokens} >&2; exit 3\n`;
      await writeFile(configFile, configText);
      // ssh runs the command (it exits at once: nothing is reached) or stops before; -v shows the expansion.
      const ssh = await runProcess('ssh', ['-v', '-F', configFile, '-o', 'BatchMode=yes', 'alias', 'true']);
      const refused = /unknown key/.test(ssh.stderr);
      const target = resolveSshRoute('ssh://alias', { home, env, configText, systemConfigPath: null }).target;
      let failure: string | undefined;
      let error: unknown;
      try {
        const stream = spawnProxyCommand(target, { home, env });
        failure = await new Promise<string>((resolve) => stream.on('error', (failed: Error) => resolve(failed.message)).resume());
      } catch (caught) {
        error = caught;
      }
      if (refused) {
        assert.ok(error instanceof SshConfigError, `${tokens}: ssh refuses (${ssh.stderr.trim()}), we ran ${failure}`);
        continue;
      }
      assert.ifError(error);
      const executed = /Executing proxy command: exec (.*?)\r?$/m.exec(ssh.stderr)?.[1];
      assert.ok(executed, ssh.stderr);
      assert.ok(failure!.includes(`ProxyCommand "${executed}"`), `${tokens}: ssh ran "${executed}", ours: ${failure}`);
    }
  });

  it('refuses an Include that exists but cannot be read, as ssh does (both run as nobody)', async () => {
    const dir = await tempDir();
    await chmod(dir, 0o755);
    await writeFile(join(dir, 'unreadable'), 'User hidden\n', { mode: 0o000 });
    await chmod(join(dir, 'unreadable'), 0o000);
    const configFile = join(dir, 'config');
    await writeFile(configFile, `Host nomatch\n  Include ${join(dir, 'unreadable')}\n`, { mode: 0o644 });
    const asNobody = (command: string, args: string[]) =>
      runProcess('runuser', ['-u', 'nobody', '--', command, ...args], { env: { PATH: process.env.PATH, HOME: '/nonexistent' } });
    const ssh = await asNobody('ssh', ['-G', '-F', configFile, 'x']);
    assert.notEqual(ssh.code, 0);
    const script = `const { resolveSshRoute } = require(${JSON.stringify(join(__dirname, '../../../src/core/engine/ssh/sshRoute.js'))});
      try { resolveSshRoute('ssh://x', { home: '/nonexistent', env: {}, configText: require('fs').readFileSync(${JSON.stringify(configFile)}, 'utf8'), systemConfigPath: null }); console.log('resolved'); }
      catch (error) { console.log(error.name + ': ' + error.message); }`;
    const node = await asNobody(process.execPath, ['-e', script]);
    assert.match(ssh.stderr, /Can't open user config file .*unreadable: Permission denied/);
    assert.match(node.stdout, /^SshConfigError: .*Can't open user config file .*unreadable: Permission denied/, node.stdout + node.stderr);
  });
});
