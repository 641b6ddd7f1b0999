/**
 * A malformed config.json holds credentials (`auths`, `credHelpers`, proxies with passwords):
 * the warning that names what is wrong with it must quote none of them, wherever the file
 * breaks (V8's own JSON errors quote the text around the fault).
 */
import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';

import { DockerConfigFile } from '../../../src/core/contexts/dockerConfigFile';
import { useTempDirs } from '../../support/tempDir';

const secret = 'c2VjcmV0OnBhc3N3b3Jk';
const broken = [
  `{"auths":{"r.example":{"auth":"${secret}"}}, "currentContext": x}`,
  `{"auths":{"r.example":{"auth":"${secret}}}}`,
  `{"auths":{"r.example":{"auth":"${secret}" "x": 1}}}`,
  `{"auths":{"r.example":{"auth":${secret}}}}`,
  `{"proxies":{"default":{"httpProxy":"http://me:${secret}@proxy:3128"}},}`,
  `{"auths":{"r.example":{"auth":"${secret}\u0001"}}}`,
];

describe('config.json warnings quote no credential', () => {
  const tempDir = useTempDirs('config-secrets');

  for (const [index, text] of broken.entries()) {
    it(`malformed file ${index + 1}`, async () => {
      const dir = await tempDir();
      await writeFile(path.join(dir, 'config.json'), text);
      const error = await new DockerConfigFile(dir).readCurrentContext().then(
        () => undefined,
        (thrown: Error) => thrown,
      );
      assert.ok(error, 'a malformed file must be reported');
      for (const part of [secret, secret.slice(0, 8), secret.slice(-8)]) assert.ok(!error.message.includes(part), error.message);
    });
  }
});
