/**
 * Engine connections for the CLI: the Docker CLI store's TLS files, and SSH that refuses unknown
 * host keys (printing their fingerprint) and asks for no passphrase — a terminal command must
 * never hang on a question nobody sees.
 */
import * as os from 'node:os';

import { EngineConnections } from '../core/engine/engineConnections';
import { defaultEngineTimeouts, type EngineTimeouts } from '../core/engine/engineTimeouts';
import { SshConnectionPool } from '../core/engine/ssh/sshConnectionPool';
import { contextServices } from './contextServices';
import type { CliIo } from './io';

/** The CLI's timeouts: the connect timeout given, requests at least the default. */
export function cliEngineTimeouts(connectMs: number): EngineTimeouts {
  return { connectMs, requestMs: Math.max(connectMs, defaultEngineTimeouts.requestMs) };
}

export function engineConnections(env: NodeJS.ProcessEnv, connectTimeoutMs: number, io: CliIo): EngineConnections {
  const { store } = contextServices({ env, dockerGlobalArgs: io.dockerGlobalArgs });
  return new EngineConnections({
    tls: store.tlsFiles,
    timeouts: () => cliEngineTimeouts(connectTimeoutMs),
    ssh: () =>
      new SshConnectionPool({
        home: env.HOME || os.homedir(),
        env,
        connectTimeoutMs,
        idleCloseMs: 1000,
        prompts: {
          confirmUnknownHost: async ({ host, port, keyType, fingerprint }) => {
            io.stderr.write(
              `The authenticity of host "${host}:${port}" can't be established: ${keyType} key fingerprint is ${fingerprint}. Not trusted: connect once with ssh, or trust it in VS Code.\n`,
            );
            return false;
          },
          passphrase: async () => undefined,
        },
      }),
  });
}
