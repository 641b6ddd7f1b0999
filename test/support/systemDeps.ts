/**
 * The real-engine suites need real system programs (dockerd, sshd, a static busybox…). They are
 * never skipped for lack of them: as root we install the missing Debian packages, otherwise we fail
 * naming the exact packages to install.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, closeSync, constants, openSync, readSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

export interface SystemDep {
  /** A command looked up on PATH (and the sbin directories), or an absolute path. */
  command: string;
  /** The Debian package that provides it. */
  pkg: string;
  /** An extra condition on the found file, e.g. "is statically linked". */
  accept?: (path: string) => boolean;
}

const harnessDeps: SystemDep[] = [
  { command: 'dockerd', pkg: 'docker.io' },
  { command: 'docker', pkg: 'docker.io' },
  { command: 'sshd', pkg: 'openssh-server' },
  { command: 'ssh', pkg: 'openssh-client' },
  { command: 'ssh-keygen', pkg: 'openssh-client' },
  // Copied alone into the test image, so it must not need a dynamic loader.
  { command: '/bin/busybox', pkg: 'busybox-static', accept: isStaticElf },
  { command: 'openssl', pkg: 'openssl' },
  { command: 'tar', pkg: 'tar' },
];

/** Absolute path of an executable, searching PATH and the sbin directories; undefined if absent. */
export function findCommand(command: string): string | undefined {
  const dirs = isAbsolute(command) ? [''] : [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/local/sbin', '/usr/sbin', '/sbin'];
  return dirs
    .map((dir) => join(dir, command))
    .find((path) => {
      try {
        accessSync(path, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

let aptUpdated = false;

/** Makes sure the harness's programs (and `extra` ones) exist, installing them as root. */
export async function ensureSystemPackages(extra: SystemDep[] = []): Promise<void> {
  const missing = () =>
    [...harnessDeps, ...extra].filter((dep) => {
      const path = findCommand(dep.command);
      return path === undefined || (dep.accept !== undefined && !dep.accept(path));
    });
  const packages = [...new Set(missing().map((dep) => dep.pkg))];
  if (packages.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`Missing system packages: ${packages.join(' ')} — install them with: sudo apt-get install -y ${packages.join(' ')}`);
  }
  console.error(`harness: installing ${packages.join(' ')}`);
  if (!aptUpdated) {
    await apt(['update']);
    aptUpdated = true;
  }
  await apt(['install', '-y', ...packages]);
  const still = missing();
  if (still.length > 0) {
    throw new Error(`Still missing after apt-get install: ${still.map((dep) => `${dep.command} (${dep.pkg})`).join(', ')}`);
  }
}

/** The oldest docker CLI the suites compare with: `docker context ls --format json` came in 23.0. */
const minimumDockerCli = 23;

/**
 * The docker CLI first on PATH must be a modern one: the suites check that the extension agrees
 * with it. Debian bookworm's docker.io ships a 20.10 client, so a machine with only that fails
 * here, by name, instead of in a dozen comparisons.
 */
export function requireModernDockerCli(): void {
  const docker = findCommand('docker');
  const result = docker ? spawnSync(docker, ['version', '--format', '{{.Client.Version}}'], { encoding: 'utf8' }) : undefined;
  const version = result?.stdout.trim() ?? '';
  const major = Number(/^(\d+)\./.exec(version)?.[1]);
  if (!(major >= minimumDockerCli)) {
    throw new Error(
      `The docker CLI first on PATH (${docker ?? 'none'}, version ${version || 'unknown'}) is older than ${minimumDockerCli}.0, which the tests compare with ` +
        `(docker context ls --format json…). Put a newer client first on PATH: docker-ce-cli from Docker's apt repository, or Docker's static client in /usr/local/bin.`,
    );
  }
}

/** Runs apt-get with its output on our stderr (stdout may be someone's machine-readable channel). */
function apt(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('apt-get', args, {
      stdio: ['ignore', 2, 2],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`apt-get ${args.join(' ')} exited with ${code}`))));
  });
}

/** True for an ELF executable without a PT_INTERP program header (i.e. not dynamically linked). */
function isStaticElf(path: string): boolean {
  const header = Buffer.alloc(4096);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (header.readUInt32BE(0) !== 0x7f454c46 || header[4] !== 2) return false; // ELF, 64-bit
  const phoff = Number(header.readBigUInt64LE(0x20));
  const phentsize = header.readUInt16LE(0x36);
  const phnum = header.readUInt16LE(0x38);
  for (let i = 0; i < phnum; i++) {
    const offset = phoff + i * phentsize;
    if (offset + 4 > header.length) return false;
    if (header.readUInt32LE(offset) === 3 /* PT_INTERP */) return false;
  }
  return true;
}
