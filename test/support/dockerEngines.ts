/**
 * Private dockerd instances, isolated from any engine on the host: own data root, exec root (which
 * also holds the containerd dockerd starts for itself), pidfile, empty daemon.json and containerd
 * namespace. No bridge or iptables (the sandbox has no netfilter; tests need no
 * container networking) and vfs storage (works on any filesystem, leaves no overlay mounts).
 * An engine is ready when dockerode's ping answers through the transport the tests use.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

import type Docker from 'dockerode';

import { loadDockerode } from '../../src/core/vendor';
import type { DaemonGroup } from './daemons';
import type { HarnessInfo } from './harnessInfo';
import { freePort } from './ports';
import { generateTlsMaterial } from './tlsCerts';

/** dockerode, loaded when an engine is started: the VS Code suite loads this file with the others before it checks that activation loads no dockerode. */
function newDocker(options: Docker.DockerOptions): Docker {
  const Dockerode = loadDockerode();
  return new Dockerode(options);
}

/** dockerd listening on socketPath, with its other files in the same directory. */
export async function startLocalEngine(group: DaemonGroup, socketPath: string, execRoot: string): Promise<HarnessInfo['local']> {
  const host = `unix://${socketPath}`;
  await startDockerd(group, 'local dockerd', dirname(socketPath), execRoot, ['--host', host], newDocker({ socketPath, timeout: 2000 }));
  return { host, socketPath };
}

/** dockerd with --tlsverify on a free loopback port, with a fresh CA, server and client certificate. */
export async function startTlsEngine(group: DaemonGroup, dir: string, execRoot: string): Promise<HarnessInfo['tls']> {
  const serverDir = join(dir, 'server');
  const clientDir = join(dir, 'client');
  const workDir = join(dir, 'work');
  await Promise.all([serverDir, clientDir, workDir].map((d) => mkdir(d, { recursive: true })));
  await generateTlsMaterial(workDir, serverDir, clientDir);
  const [ca, cert, key] = await Promise.all(['ca.pem', 'cert.pem', 'key.pem'].map((f) => readFile(join(clientDir, f))));
  const server = { ca: join(serverDir, 'ca.pem'), cert: join(serverDir, 'server-cert.pem'), key: join(serverDir, 'server-key.pem') };
  const { host, port } = await startTlsDockerd(group, 'TLS dockerd', dir, execRoot, server, { ca, cert, key });
  return { host, port, clientDir, serverDir };
}

/**
 * dockerd with --tlsverify on a free loopback port, serving the given server files (paths);
 * ready once it accepts the given client material, or once `ready(port)` resolves (for server
 * certificates no client accepts). For suites that bring their own certificates; `extraArgs` go
 * to dockerd as they are (an authorization plugin, a second --host); `chosenPort`, when a context
 * was made for that port already.
 */
export async function startTlsDockerd(
  group: DaemonGroup,
  name: string,
  dir: string,
  execRoot: string,
  server: { ca: string; cert: string; key: string },
  client: { ca: Buffer; cert: Buffer; key: Buffer },
  ready?: (port: number) => Promise<unknown>,
  extraArgs: string[] = [],
  /** The port to listen on; default a free one. */
  chosenPort?: number,
): Promise<{ host: string; port: number }> {
  const port = chosenPort ?? (await freePort());
  const host = `tcp://127.0.0.1:${port}`;
  const tlsArgs = ['--tlsverify', '--tlscacert', server.ca, '--tlscert', server.cert, '--tlskey', server.key, '--host', host, ...extraArgs];
  const docker = newDocker({ protocol: 'https', host: '127.0.0.1', port, ...client, timeout: 2000 });
  await startDockerd(group, name, dir, execRoot, tlsArgs, docker, ready && (() => ready(port)));
  return { host, port };
}

async function startDockerd(
  group: DaemonGroup,
  name: string,
  dir: string,
  execRoot: string,
  listenArgs: string[],
  client: Docker,
  ready: () => Promise<unknown> = () => client.ping(),
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const configFile = join(dir, 'daemon.json');
  await writeFile(configFile, '{}\n');
  // `dcg-harness-XXXXXX-local`: unique per run, in case dockerd finds a system containerd to share.
  const namespace = `${basename(dirname(dir))}-${basename(dir)}`;
  const daemon = group.start(
    name,
    'dockerd',
    [
      ...listenArgs,
      '--config-file',
      configFile,
      '--data-root',
      join(dir, 'data'),
      '--exec-root',
      execRoot,
      '--pidfile',
      join(dir, 'dockerd.pid'),
      '--containerd-namespace',
      namespace,
      '--containerd-plugins-namespace',
      `${namespace}-plugins`,
      '--bridge',
      'none',
      '--iptables=false',
      '--ip6tables=false',
      '--storage-driver',
      'vfs',
    ],
    join(dir, 'dockerd.log'),
  );
  // On SIGTERM dockerd gives each running container its full stop timeout (10 s); kill them first.
  daemon.beforeStop = async () => {
    const containers = await client.listContainers({ all: true });
    await Promise.all(containers.map((c) => client.getContainer(c.Id).remove({ force: true })));
  };
  await daemon.waitReady(async () => void (await ready()));
}
