/** Reading ca.pem, cert.pem and key.pem from a folder or three paths, with every missing or oversized file named. */
import * as assert from 'node:assert/strict';
import { mkdir, truncate, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

import { maxPemFileBytes } from '../../../src/core/certificates/pemFiles';
import { readClientMaterialFromDir, readClientMaterialFromFiles } from '../../../src/core/certificates/readClientMaterial';
import { runProcess } from '../../support/runProcess';
import { useTempDirs } from '../../support/tempDir';

describe('certificates: readClientMaterial', () => {
  const tempDir = useTempDirs('certs-read');

  it('reads a docker-machine style folder', async () => {
    const dir = await tempDir();
    await Promise.all(['ca', 'cert', 'key'].map((name) => writeFile(path.join(dir, `${name}.pem`), `${name} text`)));
    assert.deepEqual(await readClientMaterialFromDir(dir), { ok: true, material: { caPem: 'ca text', certPem: 'cert text', keyPem: 'key text' } });
  });

  it('names every missing file', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'cert.pem'), 'cert');
    const result = await readClientMaterialFromDir(dir);
    assert.ok(!result.ok);
    assert.deepEqual(
      result.problems.map((problem) => `${problem.file}:${problem.code}`),
      ['ca:missingFile', 'key:missingFile'],
    );
    assert.equal(result.problems[0].message, `The CA certificate ${path.join(dir, 'ca.pem')} does not exist.`);
  });

  it('refuses files over 1 MiB and things that are not regular files, without reading them', async () => {
    const dir = await tempDir();
    const paths = { ca: path.join(dir, 'big.pem'), cert: path.join(dir, 'a-dir'), key: path.join(dir, 'fifo') };
    await writeFile(paths.ca, '');
    await truncate(paths.ca, maxPemFileBytes + 1);
    await mkdir(paths.cert);
    assert.equal((await runProcess('mkfifo', [paths.key])).code, 0);
    const result = await readClientMaterialFromFiles(paths);
    assert.ok(!result.ok);
    assert.deepEqual(
      result.problems.map((problem) => `${problem.file}:${problem.code}`),
      ['ca:fileTooLarge', 'cert:unreadable', 'key:unreadable'],
    );
    assert.match(result.problems[1].message, /is not a regular file/);
  });
});
