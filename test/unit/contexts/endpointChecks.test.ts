/**
 * The one port check and the one host check of the create-context flows. A port is good exactly
 * when both real programs that will read it take it: docker (the `ssh://…:PORT` URL, Go's URL
 * syntax) and ssh (`-p PORT`, 1 to 65535). An SSH target we accept is one docker saves and ssh
 * reads; a bad host or port gets the same words in the SSH flow, the TLS flow and certificate
 * generation.
 */
import * as assert from 'node:assert/strict';

import { certificateOptionsProblem } from '../../../src/core/certificates/certificateSet';
import { hostNameProblem } from '../../../src/core/certificates/hostNames';
import { portProblem } from '../../../src/core/contexts/portNumber';
import { sshTargetProblem } from '../../../src/core/engine/ssh/sshTarget';
import { dockerCli } from '../../support/dockerCli';
import { runProcess } from '../../support/runProcess';
import { useTempDirs } from '../../support/tempDir';

const ports = [
  '1',
  '22',
  '2376',
  '65535',
  '0022',
  '000022',
  '0',
  '00',
  '65536',
  '99999',
  '4294967318',
  '22x',
  'x22',
  '+22',
  '-1',
  '2 2',
  '22.0',
  '0x16',
  'ssh',
  '',
  '١٢',
];
const targets = [
  'deploy@docker.example.com',
  'docker.example.com',
  'ops@127.0.0.1:2222',
  'a.b-c.example',
  'root@[::1]:22',
  '[::1]',
  'u@host.',
  'u@host:0',
  'u@host:65536',
  'u@host:22x',
  'u@host:',
  '@host',
  'u@',
  '',
  'ssh://u@host',
  'u@-oProxyCommand=x',
  'u@a$b',
  'u@a;b',
  'u@a b',
  'u@a`b`',
  "u@a'b",
  'u@a|b',
  'u@a\\b',
  'u$x@host',
  'u;x@host',
  '-u@host',
  'u@::1',
  'u@host/path',
  'u@host?x',
  'u@host#x',
  'u:pw@host',
  'u@ho_st',
];

describe('contexts: port and host checks', () => {
  const tempDir = useTempDirs('endpoint-checks');

  it('takes a port exactly when docker and ssh both take it', async () => {
    const docker = dockerCli(await tempDir());
    for (const [index, port] of ports.entries()) {
      const saved = (await docker.run('context', 'create', `p${index}`, '--docker', `host=ssh://u@127.0.0.1:${port}`)).code === 0;
      const read = (await runProcess('ssh', ['-G', '-p', port, 'u@127.0.0.1'])).code === 0;
      assert.equal(portProblem(port) === undefined, saved && read, `${JSON.stringify(port)}: docker ${saved}, ssh ${read}`);
    }
  });

  it('accepts only SSH targets docker saves and ssh reads', async () => {
    const docker = dockerCli(await tempDir());
    for (const [index, target] of targets.entries()) {
      if (sshTargetProblem(target, []) !== undefined) continue;
      assert.equal((await docker.run('context', 'create', `t${index}`, '--docker', `host=ssh://${target}`)).code, 0, `docker refuses ${target}`);
      const read = await runProcess('ssh', ['-G', target]);
      assert.equal(read.code, 0, `ssh refuses ${target}: ${read.stderr}`);
    }
    const refused = targets.filter((target) => sshTargetProblem(target, []) !== undefined);
    assert.ok(refused.includes('u@a$b') && refused.includes('-u@host') && refused.includes('u@host:0'), refused.join(' '));
  });

  it('says the same of a bad port in the SSH target as the TLS port step, and of a bad host as certificate generation', () => {
    for (const port of ['0', '65536', '22x']) assert.equal(sshTargetProblem(`u@host:${port}`, []), portProblem(port));
    for (const host of ['a b', 'under_score', '-lead.example', '']) {
      assert.equal(sshTargetProblem(`u@${host}`, []), hostNameProblem(host));
      assert.equal(certificateOptionsProblem({ host }), hostNameProblem(host));
    }
    assert.match(hostNameProblem('tcp://host') ?? '', /without a scheme/);
    assert.match(hostNameProblem('host:2376') ?? '', /without a port/);
  });

  it('takes an alias from ~/.ssh/config as it is', () => {
    assert.equal(sshTargetProblem('my_box', ['my_box']), undefined);
    assert.ok(sshTargetProblem('my_box', []));
  });
});
