/**
 * SSH certificates, which ssh2 (and so this extension) cannot use: where the real `ssh` logs in
 * with a user certificate, the pool fails with authFailed and names the certificate it could not
 * offer, instead of a bare "Permission denied"; a host trusted through @cert-authority is named
 * as such when its plain key is not on record.
 */
import { strict as assert } from 'node:assert';
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { certAuthorityFor } from '../../../src/core/engine/ssh/knownHosts';
import { SshConnectError, type SshConnectionPool } from '../../../src/core/engine/ssh/sshConnectionPool';
import { runProcess } from '../../support/runProcess';
import { useTempDirs } from '../../support/tempDir';
import { dockerVia, type ExtraSshd, failureOf, harness, makeClientHome, makePool, recordingPrompts, startExtraSshd } from './sshTestSupport';

describe('SSH certificates (not supported, and said so)', function () {
  this.timeout(60_000);
  const tempDir = useTempDirs('ssh-certs');
  const pools: SshConnectionPool[] = [];
  let dir: string;
  let sshd: ExtraSshd;
  let identity: string;

  before(async () => {
    dir = await tempDir();
    const ca = join(dir, 'user_ca');
    await runProcess('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', ca]);
    identity = join(dir, 'id_ed25519');
    await copyFile(harness().ssh.identityFile, identity);
    await copyFile(`${harness().ssh.identityFile}.pub`, `${identity}.pub`);
    const signed = await runProcess('ssh-keygen', ['-q', '-s', ca, '-I', 'dcg-test', '-n', harness().ssh.user, `${identity}.pub`]);
    assert.equal(signed.code, 0, signed.stderr);
    sshd = await startExtraSshd(join(dir, 'sshd'), [`TrustedUserCAKeys ${ca}.pub`, 'SetEnv DOCKER_HOST=unix:///nonexistent/docker.sock']);
    // Only the certificate may log in: no authorized key at all.
    await writeFile(join(dir, 'sshd', 'authorized_keys'), '');
  });

  after(() => sshd.stop());

  afterEach(() => {
    for (const made of pools.splice(0)) made.closeAll();
  });

  it('fails where ssh logs in with a user certificate, naming the certificate', async () => {
    const knownHostsFile = join(dir, 'known_hosts');
    await writeFile(knownHostsFile, `${sshd.knownHostsLine}\n`);
    const ssh = await runProcess('ssh', [
      '-F',
      '/dev/null',
      '-o',
      'BatchMode=yes',
      '-o',
      'IdentitiesOnly=yes',
      '-i',
      identity,
      '-o',
      `UserKnownHostsFile=${knownHostsFile}`,
      '-o',
      'GlobalKnownHostsFile=/dev/null',
      '-p',
      String(sshd.port),
      `${harness().ssh.user}@127.0.0.1`,
      'true',
    ]);
    assert.equal(ssh.code, 0, `ssh logs in with the certificate: ${ssh.stderr}`);
    const { home } = await makeClientHome(await tempDir(), {
      copyIdentity: false,
      knownHosts: `${sshd.knownHostsLine}\n`,
      config: ['Host *', `  IdentityFile ${identity}`, '  IdentitiesOnly yes', '  GlobalKnownHostsFile /dev/null'],
    });
    const pool = makePool(home, recordingPrompts());
    pools.push(pool);
    const error = await failureOf(dockerVia(pool, `ssh://${harness().ssh.user}@127.0.0.1:${sshd.port}`).ping());
    assert.ok(SshConnectError.is(error, 'authFailed'), String(error));
    assert.ok(error.message.includes(`${identity}-cert.pub (SSH user certificates are not supported`), error.message);
  });

  it('finds the @cert-authority line for a host, as ssh-keygen -F marks it', async () => {
    const file = join(dir, 'ca_known_hosts');
    const text = `# comment\n@cert-authority *.example.com,[127.0.0.1]:2222 ${sshd.knownHostsLine.split(' ').slice(1).join(' ')}\n`;
    await writeFile(file, text);
    for (const [host, port] of [
      ['a.example.com', 22],
      ['127.0.0.1', 2222],
      ['127.0.0.1', 22],
      ['example.com', 22],
    ] as const) {
      const name = port === 22 ? host : `[${host}]:${port}`;
      const found = await runProcess('ssh-keygen', ['-F', name, '-f', file]);
      const theirs = /found: line (\d+) CA/.exec(found.stdout)?.[1];
      assert.equal(certAuthorityFor([{ path: file, text }], host, port)?.line, theirs === undefined ? undefined : Number(theirs), name);
    }
  });
});
