/** The real `docker` CLI in tests: global flags that reach each harness engine, and a runner bound to a DOCKER_CONFIG. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import type { HarnessInfo } from './harnessInfo';
import { type ProcessResult, runProcess } from './runProcess';

/** Global `docker` flags for `host` with full verification and the client files (ca.pem, cert.pem, key.pem) of `clientDir`. */
export function tlsArgs(clientDir: string, host: string): string[] {
  const file = (name: string) => path.join(clientDir, name);
  return ['--tlsverify', '--tlscacert', file('ca.pem'), '--tlscert', file('cert.pem'), '--tlskey', file('key.pem'), '-H', host];
}

/** `docker version`'s server version over TLS with the client files of `clientDir`, outside any context: what docker itself makes of them. */
export function serverVersionOverTls(clientDir: string, host: string): Promise<ProcessResult> {
  return runProcess('docker', [...tlsArgs(clientDir, host), 'version', '--format', '{{.Server.Version}}'], {
    env: { ...process.env, DOCKER_CONTEXT: '', DOCKER_HOST: '' },
  });
}

/** Global `docker` flags that point the CLI at one of the harness's engines. */
export function dockerArgs(info: HarnessInfo, engine: 'local' | 'tls' | 'ssh'): string[] {
  switch (engine) {
    case 'local':
      return ['-H', info.local.host];
    case 'tls':
      return tlsArgs(info.tls.clientDir, info.tls.host);
    case 'ssh':
      return ['-H', info.ssh.host];
  }
}

/** `docker` with DOCKER_CONFIG set and DOCKER_HOST / DOCKER_CONTEXT cleared unless given. */
export function dockerCli(dockerConfig: string, extraEnv: NodeJS.ProcessEnv = {}) {
  const env = { ...process.env, DOCKER_CONFIG: dockerConfig, DOCKER_HOST: '', DOCKER_CONTEXT: '', ...extraEnv };
  return {
    run: (...args: string[]): Promise<ProcessResult> => runProcess('docker', args, { env }),
    /** Runs and asserts success, returning stdout. */
    async ok(...args: string[]): Promise<string> {
      const result = await runProcess('docker', args, { env });
      assert.equal(result.code, 0, `docker ${args.join(' ')} failed: ${result.stderr}`);
      return result.stdout;
    },
  };
}
