/**
 * Proves the harness is real before any suite relies on it: each endpoint answers the real docker
 * CLI, dockerode and ssh2, and each security check (client certificate, CA, host key) really bites.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import Docker from 'dockerode';
import { Client } from 'ssh2';

import { dockerArgs } from '../support/dockerCli';
import { loadHarnessInfo } from '../support/harnessInfo';
import { generateCa } from '../support/tlsCerts';

const info = loadHarnessInfo();
const run = promisify(execFile);

async function docker(args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, { env: { ...process.env }, timeout: 60_000 });
  return stdout.trim();
}

/** Expects the docker CLI to fail with stderr matching `pattern`. */
async function dockerFails(args: string[], pattern: RegExp): Promise<void> {
  await assert.rejects(docker(args), (err: { stderr?: string }) => {
    assert.match(err.stderr ?? '', pattern);
    return true;
  });
}

const rootDirFormat = ['info', '--format', '{{.DockerRootDir}}'];
const client = (file: string) => join(info.tls.clientDir, file);

describe('test harness', function () {
  this.timeout(60_000);

  describe('local engine', () => {
    it('answers the docker CLI on its unix socket', async () => {
      assert.match(await docker([...dockerArgs(info, 'local'), 'version', '--format', '{{.Server.Version}}']), /^\d+\.\d+/);
    });

    it('runs the imported busybox image', async () => {
      assert.equal(await docker([...dockerArgs(info, 'local'), 'run', '--rm', info.image, 'echo', 'hi']), 'hi');
    });

    it('answers dockerode', async () => {
      assert.equal(String(await new Docker({ socketPath: info.local.socketPath }).ping()), 'OK');
    });
  });

  describe('TLS engine', () => {
    it('answers the docker CLI with the client certificate', async () => {
      assert.match(await docker([...dockerArgs(info, 'tls'), 'version', '--format', '{{.Server.Version}}']), /^\d+\.\d+/);
    });

    it('is a different engine from the local one, with the image too', async () => {
      const [local, tls] = await Promise.all([dockerArgs(info, 'local'), dockerArgs(info, 'tls')].map((a) => docker([...a, ...rootDirFormat])));
      assert.notEqual(tls, local);
      assert.equal(await docker([...dockerArgs(info, 'tls'), 'image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', info.image]), info.image);
    });

    it('refuses a client without a certificate', async () => {
      await dockerFails(['--tlsverify', '--tlscacert', client('ca.pem'), '--host', info.tls.host, 'version'], /bad certificate|certificate required/i);
    });

    it('is refused by a client trusting another CA', async () => {
      const otherCa = await mkdtemp(join(tmpdir(), 'dcg-other-ca-'));
      try {
        await generateCa(otherCa, 'dcg-other-ca');
        const args = ['--tlsverify', '--tlscacert', join(otherCa, 'ca.pem'), '--tlscert', client('cert.pem'), '--tlskey', client('key.pem')];
        await dockerFails([...args, '--host', info.tls.host, 'version'], /unknown authority|x509/i);
      } finally {
        await rm(otherCa, { recursive: true, force: true });
      }
    });

    it('answers dockerode with the client certificate', async () => {
      const [ca, cert, key] = await Promise.all(['ca.pem', 'cert.pem', 'key.pem'].map((f) => readFile(client(f))));
      const engine = new Docker({ protocol: 'https', host: '127.0.0.1', port: info.tls.port, ca, cert, key });
      assert.equal(String(await engine.ping()), 'OK');
    });
  });

  describe('SSH endpoint', () => {
    it('reaches the local engine through the docker CLI', async () => {
      assert.equal(await docker([...dockerArgs(info, 'ssh'), ...rootDirFormat]), await docker([...dockerArgs(info, 'local'), ...rootDirFormat]));
    });

    it('reaches the local engine through ssh2, with the host key pinned', async () => {
      const output = await sshExec(info.ssh.hostKeyFingerprint, "docker info --format '{{.DockerRootDir}}'");
      assert.equal(output.trim(), await docker([...dockerArgs(info, 'local'), ...rootDirFormat]));
    });

    it('is refused by ssh2 when the host key does not match', async () => {
      await assert.rejects(sshExec('SHA256:not-the-host-key', 'true'), /verification failed/i);
    });
  });
});

/** Runs `command` over SSH with the harness identity, accepting only the host key `fingerprint`. */
async function sshExec(fingerprint: string, command: string): Promise<string> {
  const privateKey = await readFile(info.ssh.identityFile);
  const connection = new Client();
  try {
    await new Promise<void>((resolve, reject) => {
      connection
        .once('ready', resolve)
        .once('error', reject)
        .connect({
          host: info.ssh.hostname,
          port: info.ssh.port,
          username: info.ssh.user,
          privateKey,
          hostVerifier: (key: Buffer) => `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}` === fingerprint,
        });
    });
    return await new Promise<string>((resolve, reject) => {
      connection.exec(command, (err, stream) => {
        if (err) return reject(err);
        let stdout = '';
        let stderr = '';
        stream.on('data', (chunk: Buffer) => (stdout += chunk));
        stream.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
        stream.once('close', (code: number) => (code === 0 ? resolve(stdout) : reject(new Error(`exit ${code}: ${stderr}`))));
      });
    });
  } finally {
    connection.end();
  }
}
