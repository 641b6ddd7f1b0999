/**
 * The one image the suites run, made offline so no registry is ever contacted (never `docker
 * pull`): Debian's statically linked /bin/busybox plus one symlink per applet, tarred once per run
 * and `docker import`ed into each engine as busybox:latest.
 */
import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const busyboxImage = 'busybox:latest';

/** Builds `<dir>/rootfs` and returns the path of its tarball. */
export async function buildBusyboxTar(dir: string): Promise<string> {
  const rootfs = join(dir, 'rootfs');
  const bin = join(rootfs, 'bin');
  await Promise.all(['bin', 'etc', 'root', 'tmp'].map((d) => mkdir(join(rootfs, d), { recursive: true })));
  const [applets] = await Promise.all([
    run('/bin/busybox', ['--list']),
    copyFile('/bin/busybox', join(bin, 'busybox')),
    chmod(join(rootfs, 'tmp'), 0o1777),
    writeFile(join(rootfs, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\n'),
    writeFile(join(rootfs, 'etc', 'group'), 'root:x:0:\n'),
  ]);
  const names = applets.stdout.split('\n').filter((name) => name && name !== 'busybox');
  await Promise.all(names.map((name) => symlink('busybox', join(bin, name))));
  const tarball = join(dir, 'busybox.tar');
  await run('tar', ['--create', '--file', tarball, '--numeric-owner', '--owner=0', '--group=0', '--directory', rootfs, '.']);
  return tarball;
}

/** Imports the tarball into the engine the docker CLI reaches with `engineArgs`. */
export async function importBusybox(engineArgs: string[], tarball: string, env: NodeJS.ProcessEnv): Promise<void> {
  await run('docker', [...engineArgs, 'import', '--change', 'CMD ["sh"]', tarball, busyboxImage], { env });
}
