/**
 * known_hosts lines read as OpenSSH reads them, over a corpus of odd lines: which lines name a host
 * (and with which marker) is what `ssh-keygen -F NAME` finds, and which keys parse is what
 * `ssh-keygen -lf` accepts. Covers plain, `[host]:port` and bare names, wildcards, negation,
 * hashed entries (made by `ssh-keygen -H`), @cert-authority, @revoked, unknown markers, a
 * byte-order mark, CRLF, leading blanks, and corrupt, truncated or mistyped keys.
 */
import { strict as assert } from 'node:assert';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { hostFieldMatches, parseKnownHostsLine } from '../../../src/core/engine/ssh/knownHosts';
import { runProcess } from '../../support/runProcess';
import { useTempDirs } from '../../support/tempDir';

describe('known_hosts lines, differentially against ssh-keygen', function () {
  this.timeout(120_000);
  const tempDir = useTempDirs('known-hosts-oracle');
  let dir: string;
  let lines: string[];

  before(async () => {
    dir = await tempDir();
    const key = async (name: string, type: string) => {
      await runProcess('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', join(dir, name)]);
      return (await readFile(join(dir, `${name}.pub`), 'utf8')).split(' ').slice(0, 2).join(' ');
    };
    const [ed, ec, rsa] = await Promise.all([key('ed', 'ed25519'), key('ec', 'ecdsa'), key('rsa', 'rsa')]);
    const [edType, edBase64] = ed.split(' ');
    // Hashed lines, as ssh-keygen -H writes them.
    const hashedFile = join(dir, 'hashed');
    await writeFile(hashedFile, `host ${ec}\n[host]:2222 ${rsa}\n`);
    const hashed = await runProcess('ssh-keygen', ['-H', '-f', hashedFile]);
    assert.equal(hashed.code, 0, hashed.stderr);
    const hashedLines = (await readFile(hashedFile, 'utf8')).split('\n').filter((line) => line.startsWith('|1|'));
    lines = [
      `host ${ed}`,
      `[host]:2222 ${ec}`,
      `HOST ${rsa}`,
      `h?st,*.example.com,!bad.example.com ${ed}`,
      `!host,* ${ec}`,
      `[host]:22 ${ed}`,
      `[h*]:2222 ${rsa}`,
      `host,[host]:2222 ${ed} comment with spaces`,
      `\thost ${ec}`,
      `   host ${ed}`,
      `\ufeffhost ${ed}`,
      `host ${ed}\r`,
      `@cert-authority *.example.com,host ${ed}`,
      `@revoked host ${ec}`,
      `@revoked [host]:2222 ${ed}`,
      `@bogus host ${ed}`,
      `@cert-authority`,
      `host ${edType} ${edBase64}!!`,
      `host ssh-rsa ${edBase64}`,
      `host ${edType} ${edBase64.slice(0, -4)}`,
      `host ${edType} ${edBase64}AAAA`,
      `host ${edType}`,
      'host',
      `# host ${ed}`,
      '',
      `host  ${ed}`,
      `host\t${ed}`,
      `|1|bad|hash ${ed}`,
      `|2|${'A'.repeat(28)}|${'A'.repeat(28)} ${ed}`,
      ...hashedLines,
    ];
  });

  it('names the same lines, with the same markers, as ssh-keygen -F, and parses the same keys as ssh-keygen -l -F', async () => {
    const file = join(dir, 'known_hosts');
    await writeFile(file, `${lines.join('\n')}\n`);
    const found = async (args: string[]) => {
      const result = await runProcess('ssh-keygen', [...args, '-f', file]);
      return [...result.stdout.matchAll(/^# Host .* found: line (\d+) ?(CA|REVOKED)?/gm)].map((match) => `${match[1]} ${match[2] ?? ''}`.trim());
    };
    const markerNames: Record<string, string> = { 'cert-authority': 'CA', revoked: 'REVOKED' };
    for (const name of ['host', '[host]:2222', '[host]:22', 'a.example.com', 'bad.example.com', 'hest', 'other', '[other]:2222']) {
      const ours = lines.flatMap((line, index) => {
        const parsed = parseKnownHostsLine(line);
        if (!parsed || !hostFieldMatches(parsed.hostField, name)) return [];
        return [{ line: `${index + 1} ${markerNames[parsed.marker ?? ''] ?? ''}`.trim(), parses: parsed.key !== undefined }];
      });
      assert.deepEqual(
        ours.map((entry) => entry.line),
        await found(['-F', name]),
        `lines naming ${name}`,
      );
      // With -l, ssh-keygen parses each key (as ssh does when it checks one) and lists only those that parse.
      assert.deepEqual(
        ours.filter((entry) => entry.parses).map((entry) => entry.line),
        await found(['-l', '-F', name]),
        `lines naming ${name} whose key parses`,
      );
    }
  });
});
