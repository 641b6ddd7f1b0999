/**
 * `.dockercontext` archives against the real Docker CLI, both ways: what `docker context export`
 * writes imports here and reaches the TLS engine, what we export `docker context import` takes,
 * zips and other tools' tars import too, and hostile archives are refused with their reason
 * before anything is written.
 */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

import { type ArchiveRefusalReason, ArchiveRefused } from '../../../src/core/contexts/archive/archiveRefused';
import { exportContextArchive } from '../../../src/core/contexts/archive/exportContextArchive';
import { importContextArchive } from '../../../src/core/contexts/archive/importContextArchive';
import { readContextArchive } from '../../../src/core/contexts/archive/readContextArchive';
import { ContextStore } from '../../../src/core/contexts/contextStore';
import { createContext } from '../../../src/core/contexts/createContext';
import { secretStorageKeys } from '../../../src/core/contexts/guardMetadata';
import type { Tier } from '../../../src/core/contexts/tiers';
import type { TlsMaterial } from '../../../src/core/contexts/tls/tlsMaterial';
import { dockerCli } from '../../support/dockerCli';
import { loadHarnessInfo } from '../../support/harnessInfo';
import { runProcess } from '../../support/runProcess';
import { writeSelfSignedPem } from '../../support/selfSignedPem';
import { useTempDirs } from '../../support/tempDir';

interface Inspected {
  Name: string;
  Metadata: Record<string, unknown>;
  Endpoints: Record<string, unknown>;
  TLSMaterial: Record<string, string[]>;
}

const allTlsFiles = { docker: ['ca.pem', 'cert.pem', 'key.pem'] };

/** Archives other tools make, written by Python's tarfile and zipfile: argv = out dir, ca.pem, cert.pem, key.pem. */
const makeFixtures = String.raw`
import io, os, struct, sys, tarfile, zipfile
out = sys.argv[1]
ca, cert, key = (open(name, 'rb').read() for name in sys.argv[2:5])
meta = b'{"Name":"elsewhere","Metadata":{"Description":"made by python"},"Endpoints":{"docker":{"Host":"tcp://engine.example:2376","SkipTLSVerify":false}}}'
tls = [('tls/', None), ('tls/docker/', None), ('tls/docker/ca.pem', ca), ('tls/docker/cert.pem', cert), ('tls/docker/key.pem', key)]

def member(name, data=None, kind=None, target=''):
    info = tarfile.TarInfo(name)
    info.type = kind or (tarfile.DIRTYPE if data is None else tarfile.REGTYPE)
    info.linkname = target
    info.size = len(data) if data is not None else 0
    return info, data

def tar_bytes(members, form=tarfile.USTAR_FORMAT):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode='w', format=form) as archive:
        for info, data in members:
            archive.addfile(info, io.BytesIO(data) if data is not None else None)
    return buffer.getvalue()

def tar(name, entries, form=tarfile.USTAR_FORMAT):
    open(os.path.join(out, name), 'wb').write(tar_bytes([entry if isinstance(entry[0], tarfile.TarInfo) else member(*entry) for entry in entries], form))

def zip_file(name, entries, method=zipfile.ZIP_STORED):
    with zipfile.ZipFile(os.path.join(out, name), 'w', method) as archive:
        for entry_name, data in entries:
            archive.writestr(entry_name, data if data is not None else b'')

tar('ustar.tar', [('meta.json', meta)] + tls)
tar('gnu.tar', [('meta.json', meta)] + tls, tarfile.GNU_FORMAT)
zip_file('stored.zip', [('meta.json', meta)] + tls)
zip_file('deflated.zip', [('meta.json', meta)] + tls, zipfile.ZIP_DEFLATED)

tar('traversal.tar', [('meta.json', meta), ('../evil', b'x')])
tar('absolute.tar', [('meta.json', meta), ('/abs', b'x')])
tar('backslash.tar', [('meta.json', meta), ('tls\\docker\\ca.pem', ca)])
tar('symlink.tar', [member('meta.json', kind=tarfile.SYMTYPE, target='/etc/passwd')])
tar('hardlink.tar', [('meta.json', meta), member('tls/docker/key.pem', kind=tarfile.LNKTYPE, target='meta.json')])
tar('fifo.tar', [('meta.json', meta), member('tls/docker/ca.pem', kind=tarfile.FIFOTYPE)])
tar('unexpected-file.tar', [('meta.json', meta), ('tls/docker/id_rsa', key)])
tar('dot-slash.tar', [('./meta.json', meta)])
tar('duplicate.tar', [('meta.json', meta), ('meta.json', meta.replace(b'engine.example', b'attacker.example'))])
tar('no-meta.tar', tls)
tar('meta-not-json.tar', [('meta.json', b'{"Name": ')])
tar('meta-no-endpoint.tar', [('meta.json', b'{"Name":"x","Metadata":{},"Endpoints":{}}')])
tar('meta-bad-host.tar', [('meta.json', meta.replace(b'tcp://', b'fd://'))])
tar('meta-host-twice.tar', [('meta.json', meta.replace(b'"Host":"tcp://engine.example:2376"', b'"Host":"unix:///var/run/docker.sock","host":"tcp://engine.example:2376"'))])
tar('meta-folded-host-twice.tar', [('meta.json', meta.replace(b'"Host":', '"ho\u017ft":"unix:///x.sock","Host":'.encode()))])
tar('meta-endpoints-twice.tar', [('meta.json', meta[:-1] + b',"endpoints":{"docker":{"Host":"unix:///x.sock"}}}')])
tar('meta-guard-twice.tar', [('meta.json', meta.replace(b'"Description":"made by python"', b'"DockerContextGuard":{"tier":"production"},"DockerContextGuard":{"tier":"local"}'))])
tar('meta-trailing.tar', [('meta.json', meta + b' {}')])
tar('meta-mistyped.tar', [('meta.json', meta.replace(b'"SkipTLSVerify":false', b'"SkipTLSVerify":"no"'))])
tar('partial-tls.tar', [('meta.json', meta), ('tls/docker/ca.pem', ca)])
tar('other-endpoint.tar', [('meta.json', meta), ('tls/kubernetes/ca.pem', ca)])

checksum = bytearray(tar_bytes([member('meta.json', meta)] + [member(*entry) for entry in tls]))
checksum[1024] ^= 0x20  # the second header's name: its checksum no longer matches
open(os.path.join(out, 'bad-checksum.tar'), 'wb').write(checksum)
meta_end = 512 + -(-len(meta) // 512) * 512
hidden = tar_bytes([member('tls/docker/key.pem', key)])
open(os.path.join(out, 'entry-after-end.tar'), 'wb').write(tar_bytes([member('meta.json', meta)])[:meta_end] + bytes(512) + hidden)

zip_file('traversal.zip', [('meta.json', meta), ('../evil', b'x')])
with zipfile.ZipFile(os.path.join(out, 'symlink.zip'), 'w') as archive:
    link = zipfile.ZipInfo('meta.json')
    link.create_system = 3
    link.external_attr = 0o120777 << 16
    archive.writestr(link, b'/etc/passwd')
with zipfile.ZipFile(os.path.join(out, 'bzip2.zip'), 'w') as archive:
    archive.writestr('meta.json', meta, compress_type=zipfile.ZIP_BZIP2)
zip_file('bomb.zip', [('meta.json', meta + b' ' * (11 << 20))], zipfile.ZIP_DEFLATED)
zip_file('size-mismatch.zip', [('meta.json', meta)])
mismatch = bytearray(open(os.path.join(out, 'size-mismatch.zip'), 'rb').read())
central = mismatch.index(b'PK\x01\x02')
struct.pack_into('<I', mismatch, central + 24, len(meta) + 5)
open(os.path.join(out, 'size-mismatch.zip'), 'wb').write(mismatch)
`;

describe('context archives (with the real docker CLI)', () => {
  const tempDir = useTempDirs('archive');
  const harness = loadHarnessInfo();
  let fixtures: string;
  let pems: TlsMaterial;
  let enginePems: TlsMaterial;

  const readPems = async (dir: string): Promise<TlsMaterial> => ({
    caPem: await readFile(path.join(dir, 'ca.pem'), 'utf8'),
    certPem: await readFile(path.join(dir, 'cert.pem'), 'utf8'),
    keyPem: await readFile(path.join(dir, 'key.pem'), 'utf8'),
  });

  before(async () => {
    const pemDir = await tempDir();
    await writeSelfSignedPem(pemDir);
    pems = await readPems(pemDir);
    enginePems = await readPems(harness.tls.clientDir);
    fixtures = await tempDir();
    const made = await runProcess('python3', ['-c', makeFixtures, fixtures, ...['ca.pem', 'cert.pem', 'key.pem'].map((file) => path.join(pemDir, file))]);
    assert.equal(made.code, 0, made.stderr);
  });

  async function emptyStore() {
    const configDir = await tempDir();
    return { configDir, store: new ContextStore(configDir, {}), docker: dockerCli(configDir) };
  }

  async function inspect(docker: ReturnType<typeof dockerCli>, name: string): Promise<Inspected> {
    return (JSON.parse(await docker.ok('context', 'inspect', name)) as Inspected[])[0];
  }

  /** A context for the harness's TLS engine made by docker, and the archive `docker context export` writes of it. */
  async function exportedByDocker() {
    const { configDir, docker } = await emptyStore();
    const client = (file: string) => path.join(harness.tls.clientDir, file);
    const endpoint = `host=${harness.tls.host},ca=${client('ca.pem')},cert=${client('cert.pem')},key=${client('key.pem')}`;
    await docker.ok('context', 'create', 'tls-engine', '--description', 'the TLS engine', '--docker', endpoint);
    const file = path.join(configDir, 'tls-engine.dockercontext');
    await docker.ok('context', 'export', 'tls-engine', file);
    return { bytes: await readFile(file), theirs: await inspect(docker, 'tls-engine') };
  }

  const serverVersion = (docker: ReturnType<typeof dockerCli>, context: string) =>
    docker.ok('--context', context, 'version', '--format', '{{.Server.Version}}');

  it('imports what docker context export writes, end-of-archive blocks missing, and docker reaches the TLS engine through it', async () => {
    const { bytes, theirs } = await exportedByDocker();
    // The quirk the reader must accept: docker stops after the last file, unpadded, with no end blocks.
    assert.notEqual(bytes.length % 512, 0);
    const parsed = readContextArchive(bytes);
    assert.deepEqual(Object.keys(parsed.tls), ['docker']);
    assert.equal(parsed.tls.docker.keyPem, enginePems.keyPem);

    const { store, docker } = await emptyStore();
    assert.equal((await importContextArchive(store, 'imported', parsed, { tlsTo: 'store' })).tls, undefined);
    const ours = await inspect(docker, 'imported');
    assert.deepEqual([ours.Name, ours.Metadata, ours.Endpoints, ours.TLSMaterial], ['imported', theirs.Metadata, theirs.Endpoints, allTlsFiles]);
    const tlsDir = store.tlsDirOf('imported');
    assert.equal((await stat(path.join(tlsDir, 'key.pem'))).mode & 0o777, 0o600);
    assert.equal((await stat(tlsDir)).mode & 0o777, 0o700);
    assert.equal((await stat(store.metaFileOf('imported'))).mode & 0o777, 0o644);
    assert.match(await serverVersion(docker, 'imported'), /^\d+\.\d+/);
  });

  it('imports a docker export with its keys kept out of the store (tlsTo none): PEMs returned, marker set', async () => {
    const { bytes, theirs } = await exportedByDocker();
    const { configDir, store, docker } = await emptyStore();
    const result = await importContextArchive(store, 'keys-elsewhere', readContextArchive(bytes), { tlsTo: 'none' });
    assert.deepEqual(result.tls, enginePems);
    const ours = await inspect(docker, 'keys-elsewhere');
    assert.deepEqual(ours.Endpoints, theirs.Endpoints);
    assert.deepEqual(ours.Metadata, { ...theirs.Metadata, DockerContextGuard: { keys: secretStorageKeys } });
    assert.deepEqual(ours.TLSMaterial, {});
    const context = await store.get('keys-elsewhere');
    assert.deepEqual([context.keysInSecretStorage, context.transport, context.error], [true, 'tls', null]);
    assert.deepEqual(await readdir(path.join(configDir, 'contexts')), ['meta']);
  });

  it('exports the tar docker export writes, byte for byte, plus the end blocks strict readers need; docker imports it', async () => {
    const { configDir, store, docker } = await emptyStore();
    const pem = (file: string) => path.join(configDir, file);
    await Promise.all([writeFile(pem('ca.pem'), pems.caPem), writeFile(pem('cert.pem'), pems.certPem), writeFile(pem('key.pem'), pems.keyPem)]);
    await docker.ok(
      'context',
      'create',
      'remote',
      '--description',
      'over TLS',
      '--docker',
      `host=tcp://remote.example:2376,ca=${pem('ca.pem')},cert=${pem('cert.pem')},key=${pem('key.pem')}`,
    );
    await docker.ok('context', 'create', 'ssh-box', '--docker', 'host=ssh://ops@build-1');
    for (const name of ['remote', 'ssh-box']) {
      const theirsFile = path.join(configDir, `${name}.theirs`);
      await docker.ok('context', 'export', name, theirsFile);
      const theirs = await readFile(theirsFile);
      const ours = await exportContextArchive(store, name);
      assert.deepEqual(ours.subarray(0, theirs.length), theirs, name);
      assert.ok(ours.subarray(theirs.length).every((byte) => byte === 0) && ours.length - theirs.length >= 1024 && ours.length % 512 === 0, name);

      const oursFile = path.join(configDir, `${name}.ours`);
      await writeFile(oursFile, ours);
      const listed = await runProcess('tar', ['-tvf', oursFile]);
      assert.equal(listed.code, 0, listed.stderr);
      await docker.ok('context', 'import', `${name}-copy`, oursFile);
      const [original, copy] = [await inspect(docker, name), await inspect(docker, `${name}-copy`)];
      assert.deepEqual([copy.Metadata, copy.Endpoints, copy.TLSMaterial], [original.Metadata, original.Endpoints, original.TLSMaterial], name);
    }
    assert.deepEqual((await inspect(docker, 'remote-copy')).TLSMaterial, allTlsFiles);
  });

  it('exports keys held in SecretStorage into the archive without the marker, so docker context import gets a working context', async () => {
    const source = await emptyStore();
    await createContext(source.store, {
      name: 'vault',
      description: 'keys in SecretStorage',
      host: harness.tls.host,
      tier: 'staging',
      keysIn: 'secretStorage',
    });
    await assert.rejects(exportContextArchive(source.store, 'vault'), /TLS keys of "vault" are in SecretStorage/);
    const bytes = await exportContextArchive(source.store, 'vault', enginePems);

    const { configDir, docker } = await emptyStore();
    const file = path.join(configDir, 'vault.dockercontext');
    await writeFile(file, bytes);
    await docker.ok('context', 'import', 'vault-copy', file);
    const copy = await inspect(docker, 'vault-copy');
    assert.deepEqual(copy.Metadata, { Description: 'keys in SecretStorage', DockerContextGuard: { tier: 'staging' } });
    assert.deepEqual(copy.TLSMaterial, allTlsFiles);
    assert.match(await serverVersion(docker, 'vault-copy'), /^\d+\.\d+/);
    assert.equal((await source.store.get('vault')).keysInSecretStorage, true, 'exporting leaves the store alone');
  });

  for (const file of ['stored.zip', 'deflated.zip', 'ustar.tar', 'gnu.tar']) {
    it(`imports ${file} made by Python, as docker context import does`, async () => {
      const { store, docker } = await emptyStore();
      const archive = path.join(fixtures, file);
      await importContextArchive(store, 'ours', readContextArchive(await readFile(archive)), { tlsTo: 'store' });
      await docker.ok('context', 'import', 'theirs', archive);
      const [ours, theirs] = [await inspect(docker, 'ours'), await inspect(docker, 'theirs')];
      assert.deepEqual([ours.Metadata, ours.Endpoints, ours.TLSMaterial], [theirs.Metadata, theirs.Endpoints, allTlsFiles]);
      assert.equal(await readFile(path.join(store.tlsDirOf('ours'), 'cert.pem'), 'utf8'), pems.certPem);
    });
  }

  describe('the tier an archive carries', () => {
    /** An archive of an SSH context whose meta.json carries `tier` (ssh: no TLS files to worry about). */
    async function archiveCarrying(tier: string | undefined) {
      const source = await emptyStore();
      await createContext(source.store, { name: 'src', description: '', host: 'ssh://ops@engine.example', tier: tier as Tier | undefined });
      return readContextArchive(await exportContextArchive(source.store, 'src'));
    }

    const cases: [string, string | undefined, boolean, { carried: string | null; derived: string; tier: string; tierSource: string }][] = [
      ['prod-eu', 'local', false, { carried: 'local', derived: 'production', tier: 'production', tierSource: 'name' }],
      ['prod-eu', 'local', true, { carried: 'local', derived: 'production', tier: 'local', tierSource: 'metadata' }],
      ['build-box', 'production', false, { carried: 'production', derived: 'development', tier: 'production', tierSource: 'metadata' }],
      ['build-box', 'development', false, { carried: 'development', derived: 'development', tier: 'development', tierSource: 'metadata' }],
      ['prod-eu', undefined, false, { carried: null, derived: 'production', tier: 'production', tierSource: 'name' }],
    ];
    for (const [name, carried, keepLaxerTier, expected] of cases) {
      it(`${name} from an archive carrying ${carried ?? 'no tier'}${keepLaxerTier ? ', the user agreeing' : ''}: ${expected.tier}`, async () => {
        const { store } = await emptyStore();
        const { tier } = await importContextArchive(store, name, await archiveCarrying(carried), { tlsTo: 'store', keepLaxerTier });
        assert.deepEqual({ carried: tier.carried, derived: tier.derived, tier: tier.tier, tierSource: tier.tierSource }, expected);
        const listed = await store.get(name);
        assert.equal(listed.storedTier, expected.tierSource === 'metadata' ? expected.tier : null);
      });
    }

    it("weighs the carried tier against the user's rules, not only the defaults", async () => {
      const { store } = await emptyStore();
      const tierRules = { tiers: { 'build-*': 'staging' as const }, productionPatterns: [] };
      const { tier } = await importContextArchive(store, 'build-box', await archiveCarrying('local'), { tlsTo: 'store', tierRules });
      assert.deepEqual([tier.derived, tier.tier, tier.tierSource], ['staging', 'staging', 'setting']);
    });
  });

  describe('refuses hostile or unusable archives, writing nothing', () => {
    const storeEntries = (configDir: string) => readdir(path.join(configDir, 'contexts'), { recursive: true }).catch(() => []);

    async function assertRefused(bytes: Buffer, reason: ArchiveRefusalReason, tlsTo: 'store' | 'none' = 'store') {
      const { configDir, store } = await emptyStore();
      await assert.rejects((async () => importContextArchive(store, 'imported', readContextArchive(bytes), { tlsTo }))(), (error: Error) => {
        assert.ok(error instanceof ArchiveRefused, error.stack);
        assert.equal(error.reason, reason, error.message);
        return true;
      });
      assert.deepEqual(await storeEntries(configDir), []);
    }

    const fromPython: [string, ArchiveRefusalReason][] = [
      ['traversal.tar', 'path-traversal'],
      ['absolute.tar', 'absolute-path'],
      ['backslash.tar', 'backslash'],
      ['symlink.tar', 'entry-type'],
      ['hardlink.tar', 'entry-type'],
      ['fifo.tar', 'entry-type'],
      ['unexpected-file.tar', 'unexpected-entry'],
      ['dot-slash.tar', 'unexpected-entry'],
      ['duplicate.tar', 'duplicate-entry'],
      ['bad-checksum.tar', 'bad-checksum'],
      ['entry-after-end.tar', 'corrupt'],
      ['no-meta.tar', 'bad-meta'],
      ['meta-not-json.tar', 'bad-meta'],
      ['meta-no-endpoint.tar', 'bad-meta'],
      ['meta-bad-host.tar', 'bad-meta'],
      ['meta-host-twice.tar', 'bad-meta'],
      ['meta-folded-host-twice.tar', 'bad-meta'],
      ['meta-endpoints-twice.tar', 'bad-meta'],
      ['meta-guard-twice.tar', 'bad-meta'],
      ['meta-trailing.tar', 'bad-meta'],
      ['meta-mistyped.tar', 'bad-meta'],
      ['traversal.zip', 'path-traversal'],
      ['symlink.zip', 'entry-type'],
      ['bzip2.zip', 'unsupported-zip'],
      ['bomb.zip', 'too-large'],
      ['size-mismatch.zip', 'size-mismatch'],
      ['partial-tls.tar', 'unsupported-tls'],
      ['other-endpoint.tar', 'unsupported-tls'],
    ];
    for (const [file, reason] of fromPython) {
      it(`${file}: ${reason}`, async () => assertRefused(await readFile(path.join(fixtures, file)), reason));
    }

    it('partial TLS files with tlsTo none too: unsupported-tls', async () =>
      assertRefused(await readFile(path.join(fixtures, 'partial-tls.tar')), 'unsupported-tls', 'none'));
    it('garbage bytes: unknown-format', () => assertRefused(Buffer.concat([Buffer.from('not an archive'), randomBytes(4096)]), 'unknown-format'));
    it('an empty file: unknown-format', () => assertRefused(Buffer.alloc(0), 'unknown-format'));
    it('11 MiB, refused before parsing: too-large', () => assertRefused(Buffer.alloc(11 << 20), 'too-large'));

    it('a tar cut inside a file: corrupt', async () => {
      const tar = await readFile(path.join(fixtures, 'ustar.tar'));
      await assertRefused(tar.subarray(0, 512 + 40), 'corrupt');
    });

    it('a name that is taken, invalid or default: refused by name, the existing context untouched', async () => {
      const { configDir, store, docker } = await emptyStore();
      await docker.ok('context', 'create', 'taken', '--docker', 'host=ssh://ops@elsewhere');
      const before = await readFile(store.metaFileOf('taken'), 'utf8');
      const parsed = readContextArchive(await readFile(path.join(fixtures, 'ustar.tar')));
      await assert.rejects(importContextArchive(store, 'taken', parsed, { tlsTo: 'store' }), /context "taken" already exists/);
      await assert.rejects(importContextArchive(store, 'default', parsed, { tlsTo: 'store' }), /"default" is a reserved context name/);
      await assert.rejects(importContextArchive(store, '../escape', parsed, { tlsTo: 'store' }), /is invalid/);
      assert.equal(await readFile(store.metaFileOf('taken'), 'utf8'), before);
      assert.deepEqual(
        (await storeEntries(configDir)).filter((entry) => entry.startsWith('tls')),
        [],
      );
    });
  });
});
