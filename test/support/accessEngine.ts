/**
 * A private `dockerd --tlsverify` for the access suites, with its own CA (tlsCerts.ts), access
 * certificates for the given people issued by the built CLI's `certs issue`, a second listener
 * on a unix socket, and any extra dockerd arguments (an authorization plugin). Ready once an
 * admin's certificate is answered; `as(who, …)` runs the real docker CLI over TLS as that person.
 */
import * as assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';

import type { DaemonGroup } from './daemons';
import { dockerCli, tlsArgs } from './dockerCli';
import { startTlsDockerd } from './dockerEngines';
import { cliPath } from './repoPaths';
import { runProcess } from './runProcess';
import { generateTlsMaterial } from './tlsCerts';

export interface AccessEngine {
  host: string;
  unixHost: string;
  /** Holds daemon.json and dockerd.pid. */
  engineDir: string;
  /** ca.pem and ca-key.pem: what `certs issue --ca` takes. */
  serverDir: string;
  /** The serial `certs issue` printed, by person. */
  serials: Map<string, string>;
  docker: ReturnType<typeof dockerCli>;
  as(who: string, ...args: string[]): ReturnType<ReturnType<typeof dockerCli>['run']>;
}

export async function startAccessEngine(group: DaemonGroup, root: string, people: [string, string][], extraArgs: string[] = []): Promise<AccessEngine> {
  const serverDir = path.join(root, 'server');
  const engineDir = path.join(root, 'engine');
  const personDir = (who: string) => path.join(root, 'people', who);
  await Promise.all(['server', 'work', 'harness-client', 'docker-config'].map((dir) => mkdir(path.join(root, dir), { recursive: true })));
  await generateTlsMaterial(path.join(root, 'work'), serverDir, path.join(root, 'harness-client'));
  const serials = new Map<string, string>();
  for (const [who, role] of people) {
    const issued = await runProcess(process.execPath, [cliPath, 'certs', 'issue', '--ca', serverDir, '--name', who, '--role', role, '--out', personDir(who)]);
    assert.equal(issued.code, 0, issued.stderr);
    serials.set(who, issued.stdout.trim());
  }
  const admin = people.find(([, role]) => role === 'admin');
  if (!admin) throw new Error('an access engine needs an admin to tell when it is ready');
  const [ca, cert, key] = await Promise.all(['ca.pem', 'cert.pem', 'key.pem'].map((file) => readFile(path.join(personDir(admin[0]), file))));
  const server = { ca: path.join(serverDir, 'ca.pem'), cert: path.join(serverDir, 'server-cert.pem'), key: path.join(serverDir, 'server-key.pem') };
  const unixHost = `unix://${path.join(engineDir, 'docker.sock')}`;
  const { host } = await startTlsDockerd(group, 'dockerd (access)', engineDir, path.join(root, 'x'), server, { ca, cert, key }, undefined, [
    '--host',
    unixHost,
    ...extraArgs,
  ]);
  const docker = dockerCli(path.join(root, 'docker-config'));
  return { host, unixHost, engineDir, serverDir, serials, docker, as: (who, ...args) => docker.run(...tlsArgs(personDir(who), host), ...args) };
}
