/**
 * The contract between the test harness (which starts real engines) and every suite that uses
 * them, in any process: the harness writes this description to a JSON file and passes its path
 * in DCG_TEST_HARNESS; mocha suites and the VS Code extension host read it back.
 */
import { readFileSync } from 'node:fs';

export interface HarnessInfo {
  /** Temp directory that holds everything the harness made; removed on stop. */
  root: string;
  /** HOME for everything under test (holds .ssh/ with the client key and known_hosts). */
  home: string;
  /** DOCKER_CONFIG for everything under test (an empty Docker CLI config dir at start). */
  dockerConfig: string;
  /** Tag of the busybox image imported into both engines. */
  image: string;
  /** dockerd on a private unix socket. */
  local: { host: string; socketPath: string };
  /** dockerd with --tlsverify on loopback TCP. */
  tls: {
    host: string;
    port: number;
    /** Folder with ca.pem, cert.pem, key.pem of a client the engine accepts. */
    clientDir: string;
    /** Folder with ca.pem, ca-key.pem, server-cert.pem, server-key.pem. */
    serverDir: string;
  };
  /** sshd on loopback whose sessions have DOCKER_HOST set to the local engine. */
  ssh: {
    host: string;
    hostname: string;
    port: number;
    user: string;
    identityFile: string;
    knownHostsFile: string;
    /** `SHA256:…` fingerprint of sshd's host key, as `ssh-keygen -lf` prints it. */
    hostKeyFingerprint: string;
  };
}

export const harnessEnvVar = 'DCG_TEST_HARNESS';

/** Reads the running harness's description, or fails loudly: these suites never skip. */
export function loadHarnessInfo(env: NodeJS.ProcessEnv = process.env): HarnessInfo {
  const file = env[harnessEnvVar];
  if (!file) {
    throw new Error(`${harnessEnvVar} is not set: real-engine suites run through 'npm test', which starts the engines`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as HarnessInfo;
}
