/**
 * Moving a context's TLS keys between the Docker CLI's files and SecretStorage (moveTlsKeys), on
 * contexts the real docker CLI made, in a temp DOCKER_CONFIG: the keys arrive whole, the marker
 * says where they are from the moment they are there, meta.json keeps every other byte, files
 * are written 0600 in 0700 directories with nothing left behind, a failed write changes
 * nothing, and docker reads the context as before (its TLS files gone, then back byte for byte).
 */
import * as assert from 'node:assert/strict';
import { mkdir, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

import { exportContextArchive } from '../../../src/core/contexts/archive/exportContextArchive';
import { ContextStore } from '../../../src/core/contexts/contextStore';
import { type KeyMove, moveTlsKeys, TlsKeysIncomplete } from '../../../src/core/contexts/tls/moveTlsKeys';
import type { TlsKeyStore } from '../../../src/core/contexts/tls/tlsKeyStore';
import { tlsFileList, type TlsMaterial } from '../../../src/core/contexts/tls/tlsMaterial';
import type { SecretTlsStore } from '../../../src/ui/state/secretTlsStore';
import { dockerCli } from '../../support/dockerCli';
import { memorySecretTlsStore } from '../../support/memorySecretStorage';
import { runProcess } from '../../support/runProcess';
import { writeSelfSignedPem } from '../../support/selfSignedPem';
import { useTempDirs } from '../../support/tempDir';

type Json = Record<string, unknown>;
const name = 'moving';
/** A foreign field another tool keeps in Metadata, in bytes docker would not write (it would say 1.5). */
const foreign = '"Other":{"n":1.50,"big":123456789012345678901234567890}';

describe('moving TLS keys between the Docker CLI store and SecretStorage (the real docker CLI as oracle)', () => {
  const tempDir = useTempDirs('key-move');
  let pemDir: string;
  let pems: TlsMaterial;

  before(async () => {
    pemDir = await tempDir();
    await writeSelfSignedPem(pemDir);
    const read = (file: string) => readFile(path.join(pemDir, file), 'utf8');
    pems = { caPem: await read('ca.pem'), certPem: await read('cert.pem'), keyPem: await read('key.pem') };
  });

  /** A TLS context docker created, with a foreign Metadata field added to its meta.json. */
  async function dockerTlsContext() {
    const configDir = await tempDir();
    const docker = dockerCli(configDir);
    const pem = (file: string) => path.join(pemDir, file);
    await docker.ok(
      'context',
      'create',
      name,
      '--description',
      'keys on the move',
      '--docker',
      `host=tcp://127.0.0.1:2376,ca=${pem('ca.pem')},cert=${pem('cert.pem')},key=${pem('key.pem')}`,
    );
    const store = new ContextStore(configDir, {});
    const metaFile = store.metaFileOf(name);
    const made = await readFile(metaFile, 'utf8');
    assert.match(made, /"Metadata":\{"Description":"keys on the move"\}/);
    const metaText = made.replace('"Description":"keys on the move"', `"Description":"keys on the move",${foreign}`);
    await writeFile(metaFile, metaText);
    const inspect = async () => (JSON.parse(await docker.ok('context', 'inspect', name)) as Json[])[0];
    return { configDir, docker, store, metaFile, metaText, inspect, original: await inspect(), secrets: memorySecretTlsStore() };
  }

  const toSecrets = (store: ContextStore, secrets: SecretTlsStore, vacateSource: KeyMove['vacateSource']): KeyMove => ({
    from: store.tlsFiles,
    to: secrets,
    vacateSource,
  });
  const toFiles = (store: ContextStore, secrets: SecretTlsStore): KeyMove => ({ from: secrets, to: store.tlsFiles, vacateSource: async () => true });

  it('files → SecretStorage → files: the keys whole, the marker set before the files go, meta.json byte for byte in the end', async () => {
    const { store, metaFile, metaText, inspect, original, secrets } = await dockerTlsContext();
    const context = await store.get(name);
    assert.deepEqual([context.transport, context.tls, context.keysInSecretStorage], ['tls', { ca: true, cert: true, key: true }, false]);

    let whenAsked: unknown[] = [];
    await moveTlsKeys(
      store,
      context,
      toSecrets(store, secrets, async () => {
        whenAsked = [(await store.get(name)).keysInSecretStorage, await secrets.load(name), (await readdir(store.tlsDirOf(name))).sort()];
        return true;
      }),
    );
    assert.deepEqual(
      whenAsked,
      [true, { ...pems, endpoint: 'tcp://127.0.0.1:2376' }, [...tlsFileList].sort()],
      'asked with the keys in both places and the marker saying SecretStorage',
    );
    const moved = await store.get(name);
    assert.deepEqual([moved.keysInSecretStorage, moved.transport, moved.error, moved.tls], [true, 'tls', null, { ca: false, cert: false, key: false }]);
    const theirs = await inspect();
    assert.deepEqual([theirs.Endpoints, theirs.TLSMaterial], [original.Endpoints, {}]);
    assert.deepEqual(theirs.Metadata, { ...(original.Metadata as Json), DockerContextGuard: { keys: 'secretStorage' } });
    assert.equal(
      await readFile(metaFile, 'utf8'),
      metaText.replace(foreign, `${foreign},"DockerContextGuard":{"keys":"secretStorage"}`),
      'only the marker was added',
    );

    await moveTlsKeys(store, moved, toFiles(store, secrets));
    assert.equal(await readFile(metaFile, 'utf8'), metaText, 'meta.json is back, byte for byte');
    assert.deepEqual(await inspect(), original, 'docker reads the context as it made it');
    assert.equal(await secrets.load(name), undefined, 'no CA key to keep: the secret is gone');
    const dir = store.tlsDirOf(name);
    assert.deepEqual((await readdir(dir)).sort(), [...tlsFileList].sort(), 'no temp file left beside them');
    assert.deepEqual(await readdir(path.dirname(metaFile)), ['meta.json']);
    for (const file of tlsFileList) {
      assert.equal(await readFile(path.join(dir, file), 'utf8'), await readFile(path.join(pemDir, file), 'utf8'), file);
      assert.equal((await stat(path.join(dir, file))).mode & 0o777, 0o600, file);
    }
    for (const folder of [dir, path.dirname(dir)]) assert.equal((await stat(folder)).mode & 0o777, 0o700, folder);
  });

  it('keeps the files when the user says so, and the extension then reads SecretStorage (the marker)', async () => {
    const { store, inspect, original, secrets } = await dockerTlsContext();
    const { vacated } = await moveTlsKeys(
      store,
      await store.get(name),
      toSecrets(store, secrets, async () => false),
    );
    assert.equal(vacated, false);
    assert.deepEqual((await inspect()).TLSMaterial, original.TLSMaterial, 'the files stay');
    const context = await store.get(name);
    assert.deepEqual(await secrets.read(context), pems);
  });

  it('a CA key held for the same CA survives the round trip; one of another CA is not taken', async () => {
    const { store, secrets } = await dockerTlsContext();
    const caKeyPem = '-----BEGIN PRIVATE KEY-----\nca\n-----END PRIVATE KEY-----\n';
    await secrets.save(await store.get(name), { ...pems, caKeyPem });
    await moveTlsKeys(
      store,
      await store.get(name),
      toSecrets(store, secrets, async () => true),
    );
    assert.equal((await secrets.load(name))?.caKeyPem, caKeyPem);
    await moveTlsKeys(store, await store.get(name), toFiles(store, secrets));
    assert.equal((await secrets.load(name))?.caKeyPem, caKeyPem, 'kept for rotation after the export');
    assert.doesNotMatch(JSON.stringify(await readdir(store.tlsDirOf(name))), /ca-key/);

    await secrets.save(await store.get(name), { ...pems, caPem: 'another CA', caKeyPem });
    await moveTlsKeys(
      store,
      await store.get(name),
      toSecrets(store, secrets, async () => true),
    );
    assert.equal((await secrets.load(name))?.caKeyPem, undefined);
  });

  it('a write that fails changes nothing: marker, source and meta.json stay as they were', async () => {
    const { store, metaFile, metaText, inspect, original, secrets } = await dockerTlsContext();
    const failing: TlsKeyStore = {
      location: 'secretStorage',
      describe: () => 'a locked keychain',
      read: async () => undefined,
      write: async () => assert.fail('the keystore is locked'),
      vacate: async () => assert.fail('not reached'),
      delete: async () => assert.fail('not reached'),
    };
    const asked: string[] = [];
    await assert.rejects(
      moveTlsKeys(store, await store.get(name), { from: store.tlsFiles, to: failing, vacateSource: async () => !!asked.push('asked') }),
      /locked/,
    );
    assert.deepEqual([await readFile(metaFile, 'utf8'), await inspect(), asked], [metaText, original, []]);

    await moveTlsKeys(
      store,
      await store.get(name),
      toSecrets(store, secrets, async () => true),
    );
    const marked = await readFile(metaFile, 'utf8');
    // A planted link where the keys would go: the export refuses, and SecretStorage keeps them.
    const elsewhere = await tempDir();
    await mkdir(path.dirname(store.tlsDirOf(name)), { recursive: true });
    await symlink(elsewhere, store.tlsDirOf(name));
    await assert.rejects(moveTlsKeys(store, await store.get(name), toFiles(store, secrets)), /is a symbolic link: the keys were not written/);
    assert.deepEqual([await readFile(metaFile, 'utf8'), await readdir(elsewhere), (await secrets.load(name))?.keyPem], [marked, [], pems.keyPem]);
  });

  it('refuses a store that has only some of ca.pem, cert.pem and key.pem, before writing anything', async () => {
    const { store, metaFile, metaText, secrets } = await dockerTlsContext();
    await rm(path.join(store.tlsDirOf(name), 'key.pem'));
    await assert.rejects(
      moveTlsKeys(
        store,
        await store.get(name),
        toSecrets(store, secrets, async () => true),
      ),
      (error: unknown) => {
        assert.ok(error instanceof TlsKeysIncomplete && error.from === 'dockerCli', String(error));
        assert.equal(error.message, `"${name}" does not have all of ca.pem, cert.pem and key.pem in the Docker CLI's store`);
        return true;
      },
    );
    assert.deepEqual([await readFile(metaFile, 'utf8'), secrets.names()], [metaText, []]);
  });

  /**
   * Two copies disagreed: exporting a context whose keys are in SecretStorage dropped the marker
   * from JSON.parse's reading of meta.json, every other reader took docker's. For a meta.json
   * docker reads with "metadata" folded to Metadata, that export wrote an empty "Metadata" after
   * it — the last wins for docker — and the archive lost the description; big numbers lost
   * their digits. Now the one in-place edit drops the marker, and nothing else changes.
   */
  it('an export of keys in SecretStorage drops only the marker, from meta.json as docker reads it (case-folded keys, big numbers)', async () => {
    const configDir = await tempDir();
    const store = new ContextStore(configDir, {});
    const text = `{"Name":"${name}","metadata":{"Description":"folded",${foreign},"DockerContextGuard":{"keys":"secretStorage","tier":"staging"}},"Endpoints":{"docker":{"Host":"tcp://127.0.0.1:2376","SkipTLSVerify":false}}}`;
    await mkdir(path.dirname(store.metaFileOf(name)), { recursive: true });
    await writeFile(store.metaFileOf(name), text);
    assert.equal((await store.get(name)).keysInSecretStorage, true);
    const archive = path.join(configDir, 'moving.dockercontext');
    await writeFile(archive, await exportContextArchive(store, name, pems));

    const docker = dockerCli(await tempDir());
    await docker.ok('context', 'import', 'copy', archive);
    const copy = (JSON.parse(await docker.ok('context', 'inspect', 'copy')) as Json[])[0];
    assert.deepEqual(copy.Metadata, { Description: 'folded', Other: { n: 1.5, big: 1.2345678901234568e29 }, DockerContextGuard: { tier: 'staging' } });
    assert.deepEqual(copy.TLSMaterial, { docker: [...tlsFileList] });
    const tar = await runProcess('tar', ['-xOf', archive, 'meta.json']);
    assert.equal(tar.code, 0, tar.stderr);
    assert.equal(tar.stdout, text.replace('"keys":"secretStorage",', ''), "the archive's meta.json is the stored one less the marker, byte for byte");
  });
});
