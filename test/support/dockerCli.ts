/** The real `docker` CLI in tests: global flags that reach each harness engine, and a runner bound to a DOCKER_CONFIG. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import type { HarnessInfo } from './harnessInfo';
import { type ProcessResult, runProcess } from './runProcess';

/** Global `docker` flags that point the CLI at one of the harness's engines. */
export function dockerArgs(info: HarnessInfo, engine: 'local' | 'tls' | 'ssh'): string[] {
  switch (engine) {
    case 'local':
      return ['-H', info.local.host];
    case 'tls':
      return [
        '--tlsverify',
        '--tlscacert',
        path.join(info.tls.clientDir, 'ca.pem'),
        '--tlscert',
        path.join(info.tls.clientDir, 'cert.pem'),
        '--tlskey',
        path.join(info.tls.clientDir, 'key.pem'),
        '-H',
        info.tls.host,
      ];
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
