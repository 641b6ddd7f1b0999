/** Context-level failures carry a reason a caller can tell apart (ContextError.is), whatever the words. */
import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';

import { exportContextArchive } from '../../../src/core/contexts/archive/exportContextArchive';
import { ContextError } from '../../../src/core/contexts/contextErrors';
import { ContextNotFoundError, ContextStore } from '../../../src/core/contexts/contextStore';
import { createContext } from '../../../src/core/contexts/createContext';
import { DockerConfigFile } from '../../../src/core/contexts/dockerConfigFile';
import { switchContext } from '../../../src/core/contexts/switchContext';
import { useTempDirs } from '../../support/tempDir';

describe('context errors', () => {
  const tempDir = useTempDirs('context-errors');

  it('exists, invalidName, notFound, implicitDefault, malformedConfig', async () => {
    const dir = await tempDir();
    const store = new ContextStore(dir, {});
    const config = new DockerConfigFile(dir);
    await createContext(store, { name: 'edge', description: '', host: 'tcp://127.0.0.1:9' });
    const reason = (promise: Promise<unknown>) =>
      promise.then(
        () => 'none',
        (error: unknown) => (ContextError.is(error) ? error.reason : `not a ContextError: ${String(error)}`),
      );
    assert.equal(await reason(createContext(store, { name: 'edge', description: '', host: 'tcp://127.0.0.1:9' })), 'exists');
    assert.equal(await reason(createContext(store, { name: '-bad', description: '', host: 'tcp://127.0.0.1:9' })), 'invalidName');
    assert.equal(await reason(switchContext(store, config, {}, 'bad name')), 'invalidName');
    assert.equal(await reason(switchContext(store, config, {}, 'nope')), 'notFound');
    assert.equal(await reason(store.remove('default')), 'implicitDefault');
    assert.equal(await reason(exportContextArchive(store, 'default')), 'implicitDefault');
    assert.equal(await reason(store.get('nope')), 'notFound');
    await store.get('nope').catch((error: unknown) => assert.ok(error instanceof ContextNotFoundError));
    await writeFile(path.join(dir, 'config.json'), '{"currentContext": x}');
    assert.equal(await reason(config.readCurrentContext()), 'malformedConfig');
  });
});
