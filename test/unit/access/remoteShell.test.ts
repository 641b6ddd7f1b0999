/**
 * The ssh command line that runs a command on an SSH context's host (remoteShell.ts), judged by
 * OpenSSH itself: `ssh -G` with the same arguments resolves the user, port and host ssh would use,
 * over a corpus of ssh:// URLs; the remote command is one word list quoted for the remote shell,
 * which a real POSIX shell splits back into the same words; batch mode is always on.
 */
import * as assert from 'node:assert/strict';

import { sshArguments } from '../../../src/core/access/remoteShell';
import { runProcess } from '../../support/runProcess';

/** What `ssh -G` resolves for these arguments (without the command), with no config files read. */
async function resolved(args: string[]): Promise<Map<string, string>> {
  const destination = args.indexOf('--');
  const options = args.slice(0, destination);
  const result = await runProcess('ssh', ['-F', '/dev/null', '-G', ...options, args[destination + 1]]);
  assert.equal(result.code, 0, result.stderr);
  return new Map(result.stdout.split('\n').map((line) => [line.split(' ')[0], line.slice(line.indexOf(' ') + 1)] as [string, string]));
}

describe('remote shell: the ssh command line', () => {
  const urls = ['ssh://127.0.0.1', 'ssh://root@127.0.0.1:2222', 'ssh://ops.user@localhost:22/var/run/docker.sock', 'ssh://[::1]:2200', 'ssh://u%40x@127.0.0.2'];

  it('reaches the user, port and host OpenSSH reads from the same URL, in batch mode', async () => {
    for (const url of urls) {
      const parsed = new URL(url);
      const config = await resolved(sshArguments(url, ['true']));
      assert.equal(config.get('hostname'), parsed.hostname.replace(/^\[|\]$/g, ''), url);
      assert.equal(config.get('port'), parsed.port || '22', url);
      if (parsed.username) assert.equal(config.get('user'), decodeURIComponent(parsed.username), url);
      assert.equal(config.get('batchmode'), 'yes', url);
    }
  });

  it('hands the remote shell one line that splits back into the same words', async () => {
    const words = ['sh', '-c', 'echo "$1"; printf %s "$2"', 'sh', "it's a $HOME `x`", 'a\\b; rm -rf /'];
    const line = sshArguments('ssh://127.0.0.1', words).at(-1)!;
    const split = await runProcess('sh', ['-c', `for w in ${line}; do :; done; set -- ${line}; for w in "$@"; do printf '%s\\0' "$w"; done`]);
    assert.deepEqual(split.stdout.split('\0').slice(0, -1), words);
  });

  it('refuses a URL docker refuses, before running anything', () => {
    for (const url of ['ssh://-oProxyCommand=x', 'ssh://a$(id)@127.0.0.1', 'tcp://127.0.0.1:2376', 'ssh://u:password@127.0.0.1'])
      assert.throws(() => sshArguments(url, ['true']), url);
  });
});
