/**
 * The authorization plugin as a Docker managed plugin, built locally so no registry is involved:
 * a folder with `config.json` and `rootfs/` (this machine's node binary with the shared libraries
 * it loads, and the built CLI) that `docker plugin create NAME FOLDER` turns into a plugin on
 * whatever engine the docker CLI reaches, an SSH context's included. Enabled, it runs `authz
 * serve` on the socket dockerd gives it; its policy and audit live in host folders bound into it
 * (by default /etc/docker-context-guard and /var/log/docker-context-guard), so `authz revoke`
 * on the host and a reader of the audit see the same files, and both survive an upgrade.
 *
 * The rootfs carries this machine's node, so it runs only on an engine of the same OS and
 * architecture (Linux, and `docker info`'s Architecture matching `process.arch`).
 */
import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';

import { productDisplayName } from '../productInfo';
import { defaultPolicyFile } from './authzPolicy';

const run = promisify(execFile);

/** Inside the plugin: where its files and its socket are. */
const cliDir = '/dcg';
const socketName = 'authz.sock';
const policyDirInside = path.posix.dirname(defaultPolicyFile);
const auditDirInside = '/var/log/docker-context-guard';
export const pluginAuditFileName = 'authz-audit.jsonl';

export interface AuthzPluginBundleOptions {
  /** Made if needed; receives config.json and rootfs/. */
  dir: string;
  /** The built CLI's folder: cli.js and vendor/. */
  distDir: string;
  /** Default: the node running this. */
  nodeBinary?: string;
  /** Host folders bound into the plugin (default /etc/docker-context-guard and /var/log/docker-context-guard); they must exist when it is enabled. */
  policyDir?: string;
  auditDir?: string;
}

/** The plugin's config.json (Plugin Config Version 1 of Plugin V2). */
export function authzPluginConfig({ policyDir = policyDirInside, auditDir = auditDirInside }: Pick<AuthzPluginBundleOptions, 'policyDir' | 'auditDir'>) {
  const bind = (name: string, description: string, source: string, destination: string) => ({
    name,
    description,
    source,
    destination,
    type: 'bind',
    options: ['rbind', 'rw'],
  });
  return {
    description: `${productDisplayName}: access certificates with roles and revocation, enforced by the engine, and its record of who did what`,
    documentation: 'https://docs.docker.com/engine/extend/plugins_authorization/',
    entrypoint: [
      '/node',
      `${cliDir}/cli.js`,
      'authz',
      'serve',
      '--socket',
      `/run/docker/plugins/${socketName}`,
      '--policy',
      defaultPolicyFile,
      '--audit',
      `${auditDirInside}/${pluginAuditFileName}`,
    ],
    interface: { types: ['docker.authz/1.0'], socket: socketName },
    network: { type: 'none' },
    mounts: [
      bind('policy', 'the policy: roles and revoked serials', policyDir, policyDirInside),
      bind('audit', 'the audit: one JSON line per request', auditDir, auditDirInside),
    ],
    linux: { capabilities: [] },
  };
}

export async function buildAuthzPluginBundle(options: AuthzPluginBundleOptions): Promise<void> {
  if (process.platform !== 'linux') throw new Error('the plugin carries this machine’s node: build it on Linux, of the engine’s architecture');
  const nodeBinary = options.nodeBinary ?? process.execPath;
  const rootfs = path.join(options.dir, 'rootfs');
  await Promise.all(
    ['run/docker/plugins', 'tmp', policyDirInside, auditDirInside, `${cliDir}/vendor`].map((dir) => mkdir(path.join(rootfs, dir), { recursive: true })),
  );
  await chmod(path.join(rootfs, 'tmp'), 0o1777);
  const vendor = (await readdir(path.join(options.distDir, 'vendor'))).filter((file) => file.endsWith('.js'));
  await Promise.all([
    copyFile(nodeBinary, path.join(rootfs, 'node')),
    copyFile(path.join(options.distDir, 'cli.js'), path.join(rootfs, cliDir, 'cli.js')),
    ...vendor.map((file) => copyFile(path.join(options.distDir, 'vendor', file), path.join(rootfs, cliDir, 'vendor', file))),
    ...(await sharedLibraries(nodeBinary)).map(async (library) => {
      await mkdir(path.join(rootfs, path.dirname(library)), { recursive: true });
      await copyFile(library, path.join(rootfs, library));
    }),
  ]);
  await chmod(path.join(rootfs, 'node'), 0o755);
  await writeFile(path.join(options.dir, 'config.json'), `${JSON.stringify(authzPluginConfig(options), null, 2)}\n`);
}

/** The libraries the dynamic loader maps for `binary`, and the loader itself, as ldd lists them (absolute paths). */
async function sharedLibraries(binary: string): Promise<string[]> {
  const { stdout } = await run('ldd', [binary]).catch((error: Error) => {
    // A static binary: ldd says so and exits 1.
    if (/not a dynamic executable/.test(String((error as { stdout?: string }).stdout ?? ''))) return { stdout: '' };
    throw error;
  });
  return [...stdout.matchAll(/(?:=>\s*)?(\/\S+)\s+\(0x/g)].map(([, library]) => library);
}
