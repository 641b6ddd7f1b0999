/**
 * `docker-context-guard ssh-config NAME|HOST [--json]` (dist/cli.js), against `ssh -G` on the same
 * config: the lines both print agree, a docker context's ssh:// host (made by the real docker CLI)
 * is followed to its socket path and remote command, and a config ssh refuses exits 1 with
 * ssh's reason. It never connects: every host here is a name that resolves nowhere.
 */
import { strict as assert } from 'node:assert';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { dockerCli } from '../../support/dockerCli';
import { cliPath } from '../../support/repoPaths';
import { runProcess } from '../../support/runProcess';
import { useTempDirs } from '../../support/tempDir';

describe('ssh-config CLI command', function () {
  this.timeout(60_000);
  const tempDir = useTempDirs('ssh-config-cli');
  let home: string;
  let dockerConfig: string;
  let configFile: string;

  const cliIn = (homeDir: string, ...args: string[]) =>
    runProcess(process.execPath, [cliPath, ...args], { env: { PATH: process.env.PATH, HOME: homeDir, DOCKER_CONFIG: dockerConfig } });
  const cli = (...args: string[]) => cliIn(home, ...args);
  /** `keyword value` lines → first value per keyword. */
  const lines = (text: string) =>
    new Map(
      text
        .split(/\r?\n/)
        .filter(Boolean)
        .reverse()
        .map((line) => [line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)]),
    );

  before(async () => {
    home = await tempDir();
    dockerConfig = join(home, 'docker-config');
    await mkdir(join(home, '.ssh'), { recursive: true });
    configFile = join(home, '.ssh', 'config');
    await writeFile(
      configFile,
      [
        'Host prod',
        '  HostName prod.internal.invalid',
        '  User deploy',
        '  Port 2222',
        '  IdentityFile /keys/prod',
        '  UserKnownHostsFile /kh/prod',
        '  HostKeyAlias prod-key',
        '  ProxyJump jump@bastion.invalid:2200',
        '',
      ].join('\n'),
    );
    await dockerCli(dockerConfig).ok('context', 'create', 'rootless', '--docker', 'host=ssh://ops@prod/run/user/1000/docker.sock');
    await dockerCli(dockerConfig).ok('context', 'create', 'plain', '--docker', 'host=tcp://127.0.0.1:2375');
  });

  it('prints what ssh -G prints for the keywords both know', async () => {
    for (const host of ['prod', 'admin@prod:2022', 'ssh://prod', 'other.invalid']) {
      const ours = await cli('ssh-config', host);
      assert.equal(ours.code, 0, ours.stderr);
      const match = /^(?:ssh:\/\/)?(?:([^@]+)@)?([^:]+)(?::(\d+))?$/.exec(host)!;
      const args = [...(match[1] ? ['-l', match[1]] : []), ...(match[3] ? ['-p', match[3]] : []), match[2]];
      const theirs = await runProcess('ssh', ['-G', '-F', configFile, ...args]);
      assert.equal(theirs.code, 0, theirs.stderr);
      const [mine, ssh] = [lines(ours.stdout), lines(theirs.stdout)];
      for (const keyword of ['hostname', 'port', 'user', 'proxyjump', 'hostkeyalias']) {
        assert.equal(mine.get(keyword), ssh.get(keyword) ?? 'none', `${host}: ${keyword}`);
      }
      if (host.includes('prod')) {
        assert.equal(mine.get('identityfile'), ssh.get('identityfile'));
        assert.equal(mine.get('userknownhostsfile'), ssh.get('userknownhostsfile'));
      }
    }
  });

  it('follows a context to its host, socket path and remote command, in text and JSON', async () => {
    const text = await cli('ssh-config', 'rootless');
    assert.equal(text.code, 0, text.stderr);
    const printed = lines(text.stdout);
    assert.equal(printed.get('user'), 'ops', 'the URL user beats the config');
    assert.equal(printed.get('hostname'), 'prod.internal.invalid');
    assert.equal(printed.get('socketpath'), '/run/user/1000/docker.sock');
    // Quoted as docker/cli quotes it (`=` is a shell character there too).
    assert.equal(printed.get('remotecommand'), "docker '--host=unix:///run/user/1000/docker.sock' system dial-stdio");
    assert.match(text.stdout, /^jumphost 1 jump@bastion\.invalid:2200$/m);
    const json = await cli('ssh-config', 'rootless', '--json');
    assert.equal(json.code, 0, json.stderr);
    const parsed = JSON.parse(json.stdout) as {
      context: string;
      socketPath: string;
      target: { user: string; port: number };
      hops: Array<{ hostname: string }>;
    };
    assert.equal(parsed.context, 'rootless');
    assert.equal(parsed.socketPath, '/run/user/1000/docker.sock');
    assert.equal(parsed.target.port, 2222);
    assert.deepEqual(
      parsed.hops.map((hop) => hop.hostname),
      ['bastion.invalid'],
    );
  });

  it('refuses what ssh refuses, with its reason, and a context that is not SSH', async () => {
    // ssh refuses the whole file for a bad line anywhere, whatever host is asked for.
    const brokenHome = await tempDir();
    await mkdir(join(brokenHome, '.ssh'));
    await writeFile(join(brokenHome, '.ssh', 'config'), 'Host prod\n  User deploy\nHost other\n  Port notanumber\n');
    const broken = await cliIn(brokenHome, 'ssh-config', 'prod');
    const ssh = await runProcess('ssh', ['-G', '-F', join(brokenHome, '.ssh', 'config'), 'prod']);
    assert.notEqual(ssh.code, 0);
    assert.equal(broken.code, 1);
    assert.equal(broken.stderr.trim(), ssh.stderr.split(/\r?\n/)[0]);
    const plain = await cli('ssh-config', 'plain');
    assert.equal(plain.code, 1);
    assert.match(plain.stderr, /not an SSH context/);
    assert.equal((await cli('ssh-config')).code, 2);
  });
});
