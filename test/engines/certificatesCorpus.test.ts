/**
 * The differential TLS corpus (certificatesCorpus.ts) against the oracles: `openssl verify` with the
 * purpose the other side checks, and a real handshake of the real docker CLI with a real
 * `dockerd --tlsverify` per server variant. For each set, our import verdict (validateClientMaterial,
 * also through `certs check`) and our ping (probeEngine) must say what docker does; where openssl
 * and docker disagree, docker decides ("will it connect"), and the disagreement itself is asserted.
 * A failure must name its cause in words, never in OpenSSL's.
 */
import * as assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { connect } from 'node:tls';

import { certificatePems } from '../../src/core/certificates/pemCertificates';
import { readClientMaterialFromFiles } from '../../src/core/certificates/readClientMaterial';
import { validateClientMaterial } from '../../src/core/certificates/validateClientMaterial';
import type { DockerContext } from '../../src/core/contexts/dockerContext';
import { EngineConnections } from '../../src/core/engine/engineConnections';
import { probeEngine } from '../../src/core/engine/engineHealth';
import { removeHarnessRoot } from '../support/cleanup';
import { type ClientFiles, pemsOf } from '../support/clientFiles';
import { DaemonGroup } from '../support/daemons';
import { startTlsDockerd } from '../support/dockerEngines';
import { cliPath } from '../support/repoPaths';
import { runProcess } from '../support/runProcess';
import { buildCorpus, type Corpus, type CorpusCase, type EngineVariant } from './certificatesCorpus';

const connectMs = 5000;
const dockerEnv = { ...process.env, DOCKER_CONTEXT: '', DOCKER_HOST: '', DOCKER_TLS_VERIFY: '', DOCKER_CERT_PATH: '' };

/** Where `openssl verify` and docker differ, and why docker is the one that matters here. */
const opensslDisagrees: Record<string, string> = {
  'a server certificate naming the host only in its CN': 'OpenSSL falls back to the CN; Go (docker) ignores it since Go 1.15',
  'a bare server leaf, only its intermediate in ca.pem': 'OpenSSL wants a self-signed root (no -partial_chain); Go takes every ca.pem certificate as a root',
};

/** The oracles' words for a failure, and the words our message must use for it. */
const causes: [RegExp, RegExp][] = [
  [/insecure algorithm|digest algorithm too weak/, /SHA-1|SHA1/],
  [/legacy Common Name/, /common name/],
  [/certificate has expired/, /expired on/],
  [/certificate is not yet valid/, /valid only from/],
  [/unsuitable certificate purpose|incompatible key usage/, /client authentication|lacks serverAuth/],
  [/unable to get local issuer certificate/, /lacks the intermediate CA/],
  [/does not match public key|key mismatch/, /not the private key of cert\.pem/],
  [/failed to parse private key|key unreadable/, /encrypted/],
];
const rawOpenssl = /routines|md too weak|bad decrypt|DECODER|unsuitable certificate purpose|ERR_|error:[0-9A-F]{8}/;

interface Verdict {
  ok: boolean;
  text: string;
}

const tlsContext = (name: string, host: string, keysInSecretStorage = false): DockerContext => ({
  name,
  description: '',
  host,
  transport: 'tls',
  skipTLSVerify: false,
  tls: { ca: true, cert: true, key: true },
  storedTier: null,
  keysInSecretStorage,
  isDefault: false,
  error: null,
});

describe('TLS corpus: our verdicts against openssl verify and docker with real dockerd --tlsverify', () => {
  const daemons = new DaemonGroup();
  let root: string;
  let corpus: Corpus;
  const ports = new Map<EngineVariant, number>();
  const materials = new Map<string, ClientFiles>();
  const connections = new EngineConnections({
    tls: { read: async (context) => pemsOf(materials.get(context.name)) },
    ssh: () => assert.fail('no SSH here'),
    timeouts: () => ({ connectMs, requestMs: 10_000 }),
  });
  const hostOf = (testCase: CorpusCase) => `tcp://${testCase.dialHost}:${ports.get(testCase.engine)}`;

  /** Ready once dockerd completes a handshake up to judging its certificate, whatever the verdict. */
  const handshakeReady = (ca: string) => async (port: number) => {
    const caPem = await readFile(ca);
    await new Promise<void>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, ca: caPem }, () => resolve(socket.end() && undefined));
      socket.once('error', (error: NodeJS.ErrnoException) => (/^E(CONNREFUSED|CONNRESET|PIPE)$/.test(error.code ?? '') ? reject(error) : resolve()));
    });
  };

  before(async function () {
    this.timeout(180_000);
    root = await mkdtemp(path.join(tmpdir(), 'dcg-cc-'));
    corpus = await buildCorpus(await mkdtemp(path.join(root, 'pki-')));
    const goodClient = async (variant: EngineVariant) => {
      const files = corpus.cases.find((testCase) => testCase.engine === variant)!.client;
      const [ca, cert, key] = await Promise.all([files.ca, files.cert, files.key].map((file) => readFile(file)));
      return { ca, cert, key };
    };
    const variants: EngineVariant[] = ['good', 'sha1', 'cnOnly', 'noServerAuth', 'fromIntermediate'];
    const started = await Promise.all(
      variants.map(async (variant, index) => {
        const ready = variant === 'sha1' || variant === 'cnOnly' || variant === 'noServerAuth' ? handshakeReady(corpus.engines[variant].ca) : undefined;
        return startTlsDockerd(
          daemons,
          `dockerd (${variant})`,
          path.join(root, `e${index}`),
          path.join(root, `x${index}`),
          corpus.engines[variant],
          await goodClient(variant),
          ready,
        );
      }),
    );
    variants.forEach((variant, index) => ports.set(variant, started[index].port));
  });

  after(async function () {
    this.timeout(60_000);
    connections.dispose();
    await daemons.stopAll();
    if (root) await removeHarnessRoot(root);
  });

  async function docker(testCase: CorpusCase): Promise<Verdict> {
    const { ca, cert, key } = testCase.client;
    const result = await runProcess(
      'docker',
      ['--tlsverify', '--tlscacert', ca, '--tlscert', cert, '--tlskey', key, '-H', hostOf(testCase), 'version', '--format', '{{.Server.Version}}'],
      { env: dockerEnv },
    );
    return { ok: result.code === 0, text: result.stderr };
  }

  /** `openssl verify` of the varied side's chain against the other side's CAs, at OpenSSL's default TLS security level; plus the key for a client. */
  async function opensslVerdict(testCase: CorpusCase, dir: string): Promise<Verdict> {
    const server = corpus.engines[testCase.engine];
    const [leaf, ...untrusted] = certificatePems(await readFile(testCase.varies === 'client' ? testCase.client.cert : server.cert, 'utf8'));
    await writeFile(path.join(dir, 'leaf.pem'), leaf);
    await writeFile(path.join(dir, 'untrusted.pem'), untrusted.join('\n'));
    const args = ['verify', '-auth_level', '1', ...(untrusted.length > 0 ? ['-untrusted', path.join(dir, 'untrusted.pem')] : [])];
    const verify =
      testCase.varies === 'client'
        ? await runProcess('openssl', [...args, '-purpose', 'sslclient', '-CAfile', server.ca, path.join(dir, 'leaf.pem')])
        : await runProcess('openssl', [
            ...args,
            '-purpose',
            'sslserver',
            testCase.dialHost === 'localhost' ? '-verify_hostname' : '-verify_ip',
            testCase.dialHost,
            '-CAfile',
            testCase.client.ca,
            path.join(dir, 'leaf.pem'),
          ]);
    const text = `${verify.stdout}${verify.stderr}`;
    if (verify.code !== 0 || testCase.varies === 'server') return { ok: verify.code === 0, text };
    const [publicKey, certificateKey] = await Promise.all([
      runProcess('openssl', ['pkey', '-in', testCase.client.key, '-passin', 'pass:', '-pubout']),
      runProcess('openssl', ['x509', '-in', path.join(dir, 'leaf.pem'), '-noout', '-pubkey']),
    ]);
    if (publicKey.code !== 0) return { ok: false, text: `key unreadable: ${publicKey.stderr}` };
    return publicKey.stdout === certificateKey.stdout ? { ok: true, text } : { ok: false, text: 'key mismatch' };
  }

  const assertCause = (oracleText: string, ours: string, what: string) => {
    assert.doesNotMatch(ours, rawOpenssl, `${what} uses OpenSSL's words`);
    const cause = causes.find(([oracle]) => oracle.test(oracleText));
    if (cause) assert.match(ours, cause[1], `${what} does not name the cause the oracle gave (${oracleText.trim()})`);
  };

  it('builds every set (openssl signs with the CA key `certs create` encrypted, reading it with the passphrase)', async () => {
    assert.match(await readFile(corpus.caKeyFile, 'utf8'), /^-----BEGIN ENCRYPTED PRIVATE KEY-----$/m);
    const withPassphrase = await runProcess('openssl', ['pkey', '-in', corpus.caKeyFile, '-passin', `file:${corpus.passphraseFile}`, '-noout']);
    assert.equal(withPassphrase.code, 0, withPassphrase.stderr);
    const without = await runProcess('openssl', ['pkey', '-in', corpus.caKeyFile, '-passin', 'pass:', '-noout']);
    assert.notEqual(without.code, 0);
    assert.equal(corpus.cases.length, 16);
  });

  it('for each set, the import verdict, `certs check` and the ping say what docker says, with the cause in words', async function () {
    this.timeout(240_000);
    const rows: string[] = [];
    for (const testCase of corpus.cases) {
      const dir = await mkdtemp(path.join(root, 'v-'));
      const [dockerVerdict, opensslResult] = await Promise.all([docker(testCase), opensslVerdict(testCase, dir)]);
      const label = `"${testCase.name}" (docker: ${dockerVerdict.ok ? 'connects' : dockerVerdict.text.trim()})`;
      if (testCase.name in opensslDisagrees) assert.notEqual(opensslResult.ok, dockerVerdict.ok, `openssl now agrees with docker on ${label}`);
      else assert.equal(opensslResult.ok, dockerVerdict.ok, `openssl and docker disagree on ${label}: ${opensslResult.text}`);
      const oracleText = `${opensslResult.text} ${dockerVerdict.text}`;

      const read = await readClientMaterialFromFiles(testCase.client);
      assert.ok(read.ok);
      const imported = validateClientMaterial(read.material);
      const check = await runProcess(process.execPath, [
        cliPath,
        'certs',
        'check',
        '--ca',
        testCase.client.ca,
        '--cert',
        testCase.client.cert,
        '--key',
        testCase.client.key,
        '--json',
      ]);
      const checked = JSON.parse(check.stdout) as { valid: boolean; problems: { message: string }[] };
      assert.deepEqual([checked.valid, check.code], [imported.valid, imported.valid ? 0 : 1], `certs check and the import differ on ${label}`);
      if (testCase.varies === 'client') {
        assert.equal(
          imported.valid,
          dockerVerdict.ok,
          `import verdict on ${label}: ${imported.valid ? 'valid' : imported.problems.map((p) => p.message).join(' | ')}`,
        );
        if (!imported.valid) assertCause(oracleText, imported.problems.map((problem) => problem.message).join(' '), `the import verdict on ${label}`);
      }

      const [ca, cert, key] = await Promise.all([testCase.client.ca, testCase.client.cert, testCase.client.key].map((file) => readFile(file)));
      materials.set(testCase.name, { ca, cert, key });
      const health = await probeEngine(connections, tlsContext(testCase.name, hostOf(testCase)), connectMs + 2000);
      assert.equal(health.reachable, dockerVerdict.ok, `ping on ${label}: ${health.error}`);
      if (!health.reachable) assertCause(oracleText, health.error ?? '', `the ping on ${label}`);
      rows.push(`${dockerVerdict.ok ? 'connects' : 'refused '} ${testCase.name}${health.error ? `: ${health.error}` : ''}`);
    }
    console.log(`      ${rows.join('\n      ')}`);
  });

  it('a wildcard name (*.example.com) that `certs create` wrote: docker, openssl and our ping match one label, not two', async function () {
    this.timeout(60_000);
    const hostsFile = path.join(root, 'hosts');
    // Both names resolve to loopback inside a private mount namespace: nothing is ever looked up in DNS.
    await writeFile(hostsFile, '127.0.0.1 localhost one.example.com two.labels.example.com\n');
    const good = corpus.cases[0];
    const dockerConfig = await mkdtemp(path.join(root, 'config-'));
    const env = { ...dockerEnv, DOCKER_CONFIG: dockerConfig };
    const { ca, cert, key } = good.client;
    const inNamespace = (command: string[]) =>
      runProcess('unshare', ['-m', 'sh', '-c', 'mount --bind "$0" /etc/hosts && exec "$@"', hostsFile, ...command], { env });
    for (const [name, matches] of [
      ['one.example.com', true],
      ['two.labels.example.com', false],
    ] as const) {
      const host = `tcp://${name}:${ports.get('good')}`;
      const dockerResult = await inNamespace([
        'docker',
        '--tlsverify',
        '--tlscacert',
        ca,
        '--tlscert',
        cert,
        '--tlskey',
        key,
        '-H',
        host,
        'version',
        '--format',
        '{{.Server.Version}}',
      ]);
      assert.equal(dockerResult.code === 0, matches, `docker to ${name}: ${dockerResult.stderr}`);
      const verify = await runProcess('openssl', ['verify', '-purpose', 'sslserver', '-verify_hostname', name, '-CAfile', ca, corpus.engines.good.cert]);
      assert.equal(verify.code === 0, matches, `openssl verify for ${name}: ${verify.stderr}`);
      const context = `wild-${name.split('.').length}`;
      const created = await runProcess('docker', ['context', 'create', context, '--docker', `host=${host},ca=${ca},cert=${cert},key=${key}`], { env });
      assert.equal(created.code, 0, created.stderr);
      const ping = await inNamespace([process.execPath, cliPath, 'ping', context, '--json']);
      const [result] = JSON.parse(ping.stdout) as { reachable: boolean; error: string | null }[];
      assert.equal(result.reachable, matches, `our ping to ${name}: ${result.error}`);
      if (!matches) assert.match(result.error ?? '', /does not name the host/);
    }
  });

  it('a context whose keys are in a SecretStorage this program cannot read says exactly that, never "wrong CA"', async () => {
    const health = await probeEngine(connections, tlsContext('keys-elsewhere', `tcp://127.0.0.1:${ports.get('good')}`, true), connectMs);
    assert.deepEqual([health.reachable, health.errorReason], [false, 'tlsMaterialMissing']);
    assert.match(health.error ?? '', /in the SecretStorage of another VS Code \(another profile or installation, or another browser origin of code-server\)/);
    assert.doesNotMatch(health.error ?? '', /CA/);
  });
});
