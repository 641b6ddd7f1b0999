/**
 * Removing a harness root even after things went wrong. Normally stopping dockerd stops its
 * containerd and containers, but if dockerd had to be SIGKILLed, containerd and shims survive
 * it and keep mounts under the root. Every process whose command line names the root (a fresh
 * mkdtemp path, so only ours) is killed, and mounts under it are lazily unmounted before retrying.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile, rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function removeHarnessRoot(root: string): Promise<void> {
  await killProcessesNaming(root);
  for (let attempt = 1; ; attempt++) {
    try {
      return await rm(root, { recursive: true, force: true });
    } catch (err) {
      if (attempt === 3) throw err;
      await unmountUnder(root);
      await sleep(200);
    }
  }
}

async function killProcessesNaming(root: string): Promise<void> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid);
  await Promise.all(
    pids.map(async (pid) => {
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      if (!cmdline.includes(`${root}/`)) return;
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // Already gone.
      }
    }),
  );
}

async function unmountUnder(root: string): Promise<void> {
  const mounts = (await readFile('/proc/self/mounts', 'utf8')).split('\n').map((line) => line.split(' ')[1] ?? '');
  const ours = mounts.filter((path) => path === root || path.startsWith(`${root}/`)).sort((a, b) => b.length - a.length);
  for (const path of ours) {
    await run('umount', ['--lazy', path]).catch(() => undefined);
  }
}
