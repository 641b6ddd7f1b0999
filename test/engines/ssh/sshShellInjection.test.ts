/**
 * Shell injection through a ProxyCommand, played as an attacker would: a context whose ssh://
 * host or user carries shell syntax (`$(…)`, backquotes, `;`, percent-encoded spaces, a leading
 * `-`), and the user's ordinary bastion line `ProxyCommand … %h %p`. The connection is refused
 * with a clear reason before any command runs; the planted command never runs. A plain host
 * still connects through the same ProxyCommand.
 */
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { parseSshUrl } from '../../../src/core/engine/ssh/sshAddress';
import { SshConfigError } from '../../../src/core/engine/ssh/sshErrors';
import { useTempDirs } from '../../support/tempDir';
import { dockerVia, failureOf, harness, harnessHostKey, makeClientHome, makePool, recordingPrompts } from './sshTestSupport';

describe('SSH: no shell injection through ProxyCommand tokens', function () {
  this.timeout(60_000);
  const tempDir = useTempDirs('ssh-injection');

  it('refuses hosts and users with shell syntax, and the planted command never runs', async () => {
    const dir = await tempDir();
    const marker = join(dir, 'pwned');
    const proxied = join(dir, 'proxied');
    const script = `require("fs").writeFileSync("${proxied}", process.argv.slice(1).join(" ")); const s = require("net").connect(+process.argv[2], "127.0.0.1"); process.stdin.pipe(s).pipe(process.stdout); s.on("close", () => process.exit(0));`;
    const { home } = await makeClientHome(dir, {
      config: ['Host *', `  ProxyCommand '${process.execPath}' -e '${script}' %h %p`, `  Port ${harness().ssh.port}`, '  GlobalKnownHostsFile /dev/null'],
      knownHosts: `[127.0.0.1]:${harness().ssh.port} ${await harnessHostKey()}\n`,
    });
    const pool = makePool(home, recordingPrompts());
    try {
      const hostile = [
        `ssh://ops@a$(touch${'${IFS}'}${marker}).corp`,
        `ssh://ops@a%60touch%20${encodeURIComponent(marker)}%60.corp`,
        `ssh://ops@a;touch%20${encodeURIComponent(marker)}`,
        `ssh://$(touch%20${encodeURIComponent(marker)})@127.0.0.1`,
        `ssh://-oProxyCommand=touch%20${encodeURIComponent(marker)}@127.0.0.1`,
        'ssh://-oProxyCommand=x',
        'ssh://ops@a%0atouch.corp',
      ];
      for (const url of hostile) {
        const error = await failureOf(dockerVia(pool, url).ping());
        assert.match(error.message, /holds a character ssh refuses|invalid SSH URL/, url);
        assert.equal(existsSync(marker), false, `${url} ran the planted command`);
        assert.equal(existsSync(proxied), false, `${url} started the ProxyCommand`);
      }
      // The same ProxyCommand with a plain host name connects.
      assert.equal(String(await dockerVia(pool, `ssh://${harness().ssh.user}@127.0.0.1`).ping()), 'OK');
      assert.equal(existsSync(proxied), true);
    } finally {
      pool.closeAll();
    }
  });

  it('says why, as a configuration error', () => {
    assert.throws(
      () => parseSshUrl('ssh://ops@a$(id).corp'),
      (error: unknown) => error instanceof SshConfigError && /host name "a\$\(id\)\.corp"/.test((error as Error).message),
    );
    assert.throws(() => parseSshUrl('ssh://a%20b@host'), /user name "a b"/);
    assert.deepEqual(parseSshUrl('ssh://ops.team_1@build-1.example:2222'), { host: 'build-1.example', user: 'ops.team_1', port: 2222, socketPath: undefined });
  });
});
