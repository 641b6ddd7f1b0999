/**
 * Files that hold a key, written where someone else may have been first: an existing file
 * readable by all, a symlink planted at the name (to a file the attacker reads), a directory
 * planted as a symlink. Every key file ends up 0600 at the name asked for, under umask 000, and
 * nothing is written through a planted link.
 */
import * as assert from 'node:assert/strict';
import { lstat, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

import { writeFileAtomic } from '../../src/core/atomicFile';
import { writeOutputFiles } from '../../src/core/certificates/certificateFiles';
import { ContextStore } from '../../src/core/contexts/contextStore';
import { useTempDirs } from '../support/tempDir';

const key = '-----BEGIN PRIVATE KEY-----\nsecret\n-----END PRIVATE KEY-----\n';
const pems = { caPem: 'ca', certPem: 'cert', keyPem: key };

async function modeOf(file: string): Promise<number> {
  const stats = await lstat(file);
  assert.ok(stats.isFile(), `${file} is not a regular file`);
  return stats.mode & 0o777;
}

describe('key files written over what an attacker left', () => {
  const tempDir = useTempDirs('key-files');
  let umask: number;
  before(() => (umask = process.umask(0)));
  after(() => process.umask(umask));

  it('an export over an existing world-readable file, or over a planted symlink, is a new 0600 file', async () => {
    const dir = await tempDir();
    const existing = path.join(dir, 'prod.dockercontext');
    await writeFile(existing, 'old', { mode: 0o644 });
    await writeFileAtomic(existing, Buffer.from(key), { secret: true });
    assert.equal(await modeOf(existing), 0o600);
    const bait = path.join(dir, 'attacker-reads-this');
    await writeFile(bait, '', { mode: 0o666 });
    const planted = path.join(dir, 'planted.dockercontext');
    await symlink(bait, planted);
    await writeFileAtomic(planted, Buffer.from(key), { secret: true });
    assert.equal(await modeOf(planted), 0o600);
    assert.equal(await readFile(bait, 'utf8'), '', 'the key was written through the planted link');
  });

  it('Export Keys to the Docker CLI replaces a planted key.pem link and refuses a planted directory', async () => {
    const configDir = await tempDir();
    const store = new ContextStore(configDir);
    const tlsDir = store.tlsDirOf('prod');
    await mkdir(tlsDir, { recursive: true });
    const bait = path.join(configDir, 'bait');
    await writeFile(bait, '', { mode: 0o666 });
    await symlink(bait, path.join(tlsDir, 'key.pem'));
    await writeFile(path.join(tlsDir, 'cert.pem'), 'old', { mode: 0o644 });
    await store.tlsFiles.write({ name: 'prod' }, pems);
    for (const name of ['ca.pem', 'cert.pem', 'key.pem']) assert.equal(await modeOf(path.join(tlsDir, name)), 0o600, name);
    assert.equal(await readFile(bait, 'utf8'), '');

    const elsewhere = await tempDir();
    const other = store.tlsDirOf('staging');
    await mkdir(path.dirname(other), { recursive: true });
    await symlink(elsewhere, other);
    await assert.rejects(store.tlsFiles.write({ name: 'staging' }, pems), /is a symbolic link: the keys were not written/);
    assert.deepEqual(await readdir(elsewhere), []);
  });

  it('certs create --out over existing files (when allowed) writes new files: keys 0600, certificates 0644', async () => {
    const dir = await tempDir();
    const bait = path.join(dir, 'bait');
    await writeFile(bait, '', { mode: 0o666 });
    await writeFile(path.join(dir, 'key.pem'), 'old', { mode: 0o666 });
    await symlink(bait, path.join(dir, 'cert.pem'));
    await writeOutputFiles(
      dir,
      [
        { name: 'key.pem', content: key, secret: true },
        { name: 'cert.pem', content: 'cert', secret: false },
      ],
      { overwrite: true },
    );
    assert.equal(await modeOf(path.join(dir, 'key.pem')), 0o600);
    assert.equal(await modeOf(path.join(dir, 'cert.pem')), 0o644);
    assert.equal(await readFile(bait, 'utf8'), '');
  });
});
