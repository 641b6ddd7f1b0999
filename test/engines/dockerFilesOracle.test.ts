/**
 * Docker's own files, read by us and by the real Docker CLI over a corpus of odd stores and
 * configs: case-variant, Go-folded and duplicate keys, trailing data, a byte-order mark, null
 * values, empty hosts, `https://` without TLS files, TLS directories that are empty, dangling,
 * not directories or not readable, FIFOs, symlinked config.json. For each store, what our CLI
 * lists (`ls --json`: names, current, description, endpoint, error, TLS files, transport) is
 * compared with what docker says: `docker context show`, `ls --format json`, `inspect`, and how
 * `docker --context NAME version` really dials (a loopback listener sees TLS or plain HTTP, or
 * docker names the socket it tried). Then our `use` must make `docker context show` name the
 * context. No expectation is typed by hand: docker gives them all.
 *
 * Where we knowingly differ, the test says so: a meta.json docker cannot read makes `docker
 * context ls` fail as a whole, while we list the rest and that one as broken; and a FIFO
 * blocks docker forever, while we return at once.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chmod, mkdir, readFile, readlink, symlink, writeFile } from 'node:fs/promises';
import * as net from 'node:net';
import * as path from 'node:path';

import { contextDirName } from '../../src/core/contexts/contextNames';
import { cliPath } from '../support/repoPaths';
import { type ProcessResult, runProcess } from '../support/runProcess';
import { useTempDirs } from '../support/tempDir';

interface OurContext {
  name: string;
  current: boolean;
  description: string;
  host: string;
  transport: string | null;
  tier: string;
  tierSource: string;
  skipTLSVerify: boolean;
  tls: { ca: boolean; cert: boolean; key: boolean };
  error: string | null;
}

interface DockerRow {
  Name: string;
  Current: boolean;
  Description: string;
  DockerEndpoint: string;
  Error: string;
}

interface DockerInspect {
  Name: string;
  Metadata?: Record<string, unknown>;
  Endpoints: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
  TLSMaterial: Record<string, string[]>;
}

/** The unprivileged user for stores root owns in part (root reads everything regardless of modes). */
const nobody = ['--reuid=65534', '--regid=65534', '--clear-groups'];

/** What a loopback listener saw of each connection: a TLS ClientHello or the first bytes of plain HTTP. */
class RecordingListener {
  readonly seen: string[] = [];
  private readonly server: net.Server;

  constructor() {
    this.server = net.createServer((socket) => {
      socket.once('data', (data) => {
        this.seen.push(data[0] === 0x16 ? 'tls' : `plain:${data.toString('latin1', 0, 5)}`);
        socket.destroy();
      });
      socket.on('error', () => undefined);
    });
  }

  listen(address: number | string): Promise<void> {
    return new Promise((resolve) => (typeof address === 'number' ? this.server.listen(address, '127.0.0.1', resolve) : this.server.listen(address, resolve)));
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe("Docker's own files: our reading against the Docker CLI's", function () {
  this.timeout(180_000);
  const tempDir = useTempDirs('docker-files');
  const tcp = new RecordingListener();
  const unix = new RecordingListener();
  let unixSocket: string;
  let tcpHost: string;

  before(async () => {
    const dir = await tempDir();
    await chmod(dir, 0o755);
    unixSocket = path.join(dir, 'engine.sock');
    await tcp.listen(0);
    await unix.listen(unixSocket);
    await chmod(unixSocket, 0o777);
    tcpHost = `127.0.0.1:${tcp.port}`;
  });
  after(() => Promise.all([tcp.close(), unix.close()]));

  /** docker (or our CLI) with DOCKER_CONFIG and nothing else that picks an engine. */
  function run(program: string, args: string[], configDir: string, asNobody: boolean): Promise<ProcessResult> {
    const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_CONFIG: configDir, HOME: configDir };
    delete env.DOCKER_HOST;
    delete env.DOCKER_CONTEXT;
    delete env.DOCKER_TLS_VERIFY;
    delete env.DOCKER_CERT_PATH;
    return asNobody ? runProcess('setpriv', [...nobody, program, ...args], { env }) : runProcess(program, args, { env });
  }
  const docker = (configDir: string, asNobody: boolean, ...args: string[]) => run('docker', args, configDir, asNobody);
  const ours = (configDir: string, asNobody: boolean, ...args: string[]) => run(process.execPath, [cliPath, ...args], configDir, asNobody);

  async function store(): Promise<string> {
    const dir = await tempDir();
    await chmod(dir, 0o755);
    return dir;
  }
  async function writeMeta(configDir: string, name: string, text: string): Promise<string> {
    const dir = path.join(configDir, 'contexts', 'meta', contextDirName(name));
    await mkdir(dir, { recursive: true, mode: 0o755 });
    await writeFile(path.join(dir, 'meta.json'), text, { mode: 0o644 });
    return path.join(dir, 'meta.json');
  }
  const endpointMeta = (name: string, docker: Record<string, unknown>) => JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker } });
  const tlsDir = (configDir: string, name: string) => path.join(configDir, 'contexts', 'tls', contextDirName(name), 'docker');

  /** Two plain contexts every config case switches between. */
  async function twoContexts(configDir: string): Promise<void> {
    await writeMeta(configDir, 'prod', endpointMeta('prod', { Host: `tcp://${tcpHost}`, SkipTLSVerify: false }));
    await writeMeta(configDir, 'dev', endpointMeta('dev', { Host: `unix://${unixSocket}`, SkipTLSVerify: false }));
  }

  /** How docker dials the context: 'tls' or 'tcp' at the TCP listener, 'unix' at a socket, or its error before connecting. */
  async function dockerDials(configDir: string, asNobody: boolean, name: string): Promise<{ transport: string | null; error: string }> {
    tcp.seen.length = 0;
    unix.seen.length = 0;
    const result = await docker(configDir, asNobody, '--context', name, 'version', '--format', '{{.Server.Version}}');
    const socket = /Cannot connect to the Docker daemon at unix:\/\//.test(result.stderr);
    if (unix.seen.length > 0 || socket) return { transport: 'unix', error: '' };
    if (tcp.seen.length > 0) return { transport: tcp.seen.every((seen) => seen === 'tls') ? 'tls' : 'tcp', error: '' };
    return { transport: null, error: result.stderr.trim() };
  }

  /** Ours against docker's, for every context, over one store; returns our list. */
  async function compare(configDir: string, asNobody = false): Promise<OurContext[]> {
    const listed = await ours(configDir, asNobody, 'ls', '--json');
    assert.equal(listed.code, 0, listed.stderr);
    const contexts = JSON.parse(listed.stdout) as OurContext[];
    const byName = new Map(contexts.map((context) => [context.name, context]));

    const shown = await docker(configDir, asNobody, 'context', 'show');
    assert.equal(shown.code, 0, shown.stderr);
    assert.deepEqual(
      contexts.filter((context) => context.current).map((context) => context.name),
      [shown.stdout.trim()],
      'the current context',
    );
    // We warn about config.json only where docker does (docker also warns of mistyped fields we do not read).
    if (/Warning:/.test(listed.stderr)) assert.match(shown.stderr, /WARNING: Error/, `ours warns: ${listed.stderr}`);

    const ls = await docker(configDir, asNobody, 'context', 'ls', '--format', 'json');
    const rows =
      ls.code === 0
        ? ls.stdout
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as DockerRow)
        : undefined;
    if (rows) {
      for (const row of rows) {
        const context = byName.get(row.Name);
        assert.ok(context, `docker lists "${row.Name}", so must we`);
        assert.deepEqual([context.current, context.description, context.host], [row.Current, row.Description, row.DockerEndpoint], row.Name);
        if (row.Error) assert.equal(context.error, row.Error, row.Name);
      }
    }
    for (const context of contexts) {
      if (context.name === 'default' || rows?.some((row) => row.Name === context.name && row.Error)) continue;
      const inspected = await docker(configDir, asNobody, 'context', 'inspect', context.name);
      if (inspected.code !== 0) {
        // docker cannot read this context (its meta.json or TLS listing): we list it with the reason.
        assert.ok(context.error, `docker cannot read "${context.name}" (${inspected.stderr.trim()}): ours must say why`);
        continue;
      }
      const [theirs] = JSON.parse(inspected.stdout) as DockerInspect[];
      const endpoint = theirs.Endpoints.docker ?? {};
      const description = typeof theirs.Metadata?.Description === 'string' ? theirs.Metadata.Description : '';
      assert.deepEqual(
        [context.host, context.skipTLSVerify, context.description],
        [endpoint.Host ?? '', endpoint.SkipTLSVerify ?? false, description],
        context.name,
      );
      const storedTier = (theirs.Metadata?.DockerContextGuard as { tier?: string } | undefined)?.tier;
      if (storedTier) assert.deepEqual([context.tier, context.tierSource], [storedTier, 'metadata'], context.name);
      const dial = await dockerDials(configDir, asNobody, context.name);
      const listedFiles = theirs.TLSMaterial.docker ?? [];
      for (const file of ['ca.pem', 'cert.pem', 'key.pem'] as const) {
        // docker lists every entry that is not a directory; one it then cannot read stops it dialling.
        const readable = listedFiles.includes(file) && !dial.error.includes(`(${file})`);
        assert.equal(context.tls[file.replace('.pem', '') as 'ca' | 'cert' | 'key'], readable, `${context.name} ${file}`);
      }
      if (dial.transport) {
        assert.equal(context.transport, dial.transport, `${context.name}: docker dials ${dial.transport}`);
        assert.equal(context.error, null, `${context.name}: docker dials it`);
      } else {
        assert.ok(context.error, `${context.name}: docker cannot dial it (${dial.error}), so ours must say why`);
      }
    }
    return contexts;
  }

  /** Our `use NAME`, after which docker itself must name it. */
  async function useAndCheck(configDir: string, name: string, asNobody = false): Promise<void> {
    const used = await ours(configDir, asNobody, 'use', name);
    assert.equal(used.code, 0, used.stderr);
    const shown = await docker(configDir, asNobody, 'context', 'show');
    assert.equal(shown.stdout.trim(), name, `after our use ${name}: ${shown.stderr}`);
  }

  describe('config.json: the current context as Go decodes it', () => {
    const configs: Record<string, string> = {
      'other case': '{"CurrentContext":"prod"}',
      'case-variant duplicates, the last wins': '{"currentContext":"dev","CURRENTCONTEXT":"prod"}',
      'a later null changes nothing': '{"currentContext":"prod","currentcontext":null}',
      'data after the first value': '{"currentContext":"prod"} {"currentContext":"dev"}',
      'garbage after the first value': '{\n\t"currentContext": "prod"\n}\ngarbage',
      'a value of the wrong type after a good one': '{"currentContext":"prod","CurrentContext":5}',
      'a wrong type elsewhere': '{"auths":5,"currentContext":"prod"}',
      'a byte-order mark': '\ufeff{"currentContext":"prod"}',
      'not an object': '["prod"]',
      null: 'null',
      'white space only': ' \n',
      'cut off': '{"currentContext":"prod"',
    };
    for (const [label, text] of Object.entries(configs)) {
      it(`${label}: ${JSON.stringify(text)}`, async () => {
        const configDir = await store();
        await twoContexts(configDir);
        await writeFile(path.join(configDir, 'config.json'), text);
        await compare(configDir);
        const readable = !/cut off|byte-order|not an object/.test(label);
        if (readable) {
          const before = await readFile(path.join(configDir, 'config.json'), 'utf8');
          await useAndCheck(configDir, 'dev');
          await useAndCheck(configDir, 'prod');
          const after = await readFile(path.join(configDir, 'config.json'), 'utf8');
          // Only values change: what follows the object, and every other member, stays.
          const values = /"(prod|dev)"|5|null/g;
          if (text.startsWith('{')) assert.equal(after.replace(values, ''), before.replace(values, ''), after);
        } else {
          const refused = await ours(configDir, false, 'use', 'dev');
          assert.equal(refused.code, 1, 'a config.json docker cannot read is never overwritten');
          assert.equal(await readFile(path.join(configDir, 'config.json'), 'utf8'), text);
        }
        await useAndCheck(configDir, 'default');
      });
    }

    it('a symlinked config.json is written at its target, the link kept', async () => {
      const configDir = await store();
      await twoContexts(configDir);
      const real = path.join(await store(), 'real-config.json');
      await writeFile(real, '{"currentContext":"prod","credsStore":"pass"}');
      await symlink(real, path.join(configDir, 'config.json'));
      await compare(configDir);
      await useAndCheck(configDir, 'dev');
      assert.equal(await readlink(path.join(configDir, 'config.json')), real);
      assert.equal(await readFile(real, 'utf8'), '{"currentContext":"dev","credsStore":"pass"}');
    });

    it('a dangling symlinked config.json is written through, where docker writes it', async () => {
      const [ourDir, theirDir] = [await store(), await store()];
      for (const configDir of [ourDir, theirDir]) {
        await twoContexts(configDir);
        await symlink('elsewhere/config.json', path.join(configDir, 'config.json'));
        await mkdir(path.join(configDir, 'elsewhere'));
      }
      await compare(ourDir);
      await useAndCheck(ourDir, 'dev');
      assert.equal((await docker(theirDir, false, 'context', 'use', 'dev')).code, 0);
      for (const configDir of [ourDir, theirDir]) assert.equal(await readlink(path.join(configDir, 'config.json')), 'elsewhere/config.json');
      assert.deepEqual(JSON.parse(await readFile(path.join(ourDir, 'elsewhere', 'config.json'), 'utf8')), { currentContext: 'dev' });
      assert.equal(JSON.parse(await readFile(path.join(theirDir, 'elsewhere', 'config.json'), 'utf8')).currentContext, 'dev');
    });

    it('use default works without the config directory, like docker (which creates nothing)', async () => {
      const parent = await store();
      const configDir = path.join(parent, 'never-made');
      await useAndCheck(configDir, 'default');
      assert.equal(await readFile(path.join(configDir, 'config.json'), 'utf8').catch(() => 'absent'), 'absent');
      assert.equal((await docker(configDir, false, 'context', 'use', 'default')).code, 0);
    });

    it('use refuses the names docker refuses, and contexts it cannot read', async () => {
      const configDir = await store();
      await twoContexts(configDir);
      await writeMeta(configDir, 'trailing', `${endpointMeta('trailing', { Host: `tcp://${tcpHost}` })} {}`);
      for (const name of ['', 'a', '-x', 'has space', 'trailing', 'missing']) {
        const [theirs, ourResult] = [await docker(configDir, false, 'context', 'use', name), await ours(configDir, false, 'use', name)];
        assert.notEqual(theirs.code, 0, `docker refuses ${JSON.stringify(name)}`);
        assert.notEqual(ourResult.code, 0, `we refuse ${JSON.stringify(name)}`);
      }
      assert.equal(await readFile(path.join(configDir, 'config.json'), 'utf8').catch(() => 'absent'), 'absent');
    });
  });

  describe('meta.json: each field as Go decodes it', () => {
    const metas: Record<string, (host: { tcp: string; unix: string }) => string> = {
      'Host and host: docker dials the last': (h) => `{"Name":"ctx","Endpoints":{"docker":{"Host":"${h.unix}","host":"${h.tcp}"}}}`,
      'host and Host, the other order': (h) => `{"Name":"ctx","Endpoints":{"docker":{"host":"${h.tcp}","Host":"${h.unix}"}}}`,
      'Go-folded keys (long s, Kelvin sign)': (h) =>
        `{"Name":"ctx","Endpoints":{"docker":{"Host":"${h.unix}","ho\u017ft":"${h.tcp}","\u017fkipTLSVerify":false,"S\u212aipTLSVerify":true}}}`,
      'dotless i and dotted I do not fold': (h) =>
        `{"Name":"ctx","Endpoints":{"docker":{"Host":"${h.tcp}","Sk\u0131pTLSVerify":true,"SK\u0130PTLSVERIFY":true}}}`,
      'a later null Host changes nothing': (h) => `{"Name":"ctx","Endpoints":{"docker":{"Host":"${h.tcp}","HOST":null}}}`,
      'Endpoints twice: the maps merge': (h) =>
        `{"Name":"ctx","Endpoints":{"docker":{"Host":"${h.unix}"}},"endpoints":{"other":{}},"ENDPOINTS":{"docker":{"Host":"${h.tcp}","SkipTLSVerify":true}}}`,
      'Endpoints null in between empties the map': (h) => `{"Name":"ctx","Endpoints":{"docker":{"Host":"${h.tcp}"}},"endpoints":null,"Endpoints":{"x":{}}}`,
      'a null docker endpoint': () => '{"Name":"ctx","Endpoints":{"docker":null}}',
      'name in other cases, twice': (h) => `{"NAME":"other","name":"ctx","Endpoints":{"docker":{"Host":"${h.tcp}"}}}`,
      'Metadata twice, and Description twice': (h) =>
        `{"Name":"ctx","Metadata":{"Description":"first"},"metadata":{"Description":"a","Description":"b","DockerContextGuard":{"tier":"local"},"DockerContextGuard":{"tier":"staging"}},"Endpoints":{"docker":{"Host":"${h.tcp}"}}}`,
      'Description not a string (docker panics)': (h) => `{"Name":"ctx","Metadata":{"Description":5},"Endpoints":{"docker":{"Host":"${h.tcp}"}}}`,
      'data after the object': (h) => `{"Name":"ctx","Endpoints":{"docker":{"Host":"${h.tcp}"}}} {}`,
      'a byte-order mark': (h) => `\ufeff{"Name":"ctx","Endpoints":{"docker":{"Host":"${h.tcp}"}}}`,
      'SkipTLSVerify not a bool': (h) => `{"Name":"ctx","Endpoints":{"docker":{"Host":"${h.tcp}","SkipTLSVerify":"yes"}}}`,
      'another endpoint that is not an object': (h) => `{"Name":"ctx","Endpoints":{"docker":{"Host":"${h.tcp}"},"kubernetes":5}}`,
      'an empty Host: the default socket': () => '{"Name":"ctx","Endpoints":{"docker":{"Host":""}}}',
      'no Host at all': () => '{"Name":"ctx","Endpoints":{"docker":{"SkipTLSVerify":true}}}',
      'https:// without TLS files: plain HTTP': (h) => `{"Name":"ctx","Endpoints":{"docker":{"Host":"${h.tcp.replace('tcp://', 'https://')}"}}}`,
      'http:// with SkipTLSVerify: TLS': (h) => `{"Name":"ctx","Endpoints":{"docker":{"Host":"${h.tcp.replace('tcp://', 'http://')}","SkipTLSVerify":true}}}`,
      'an unknown scheme: TCP, as docker dials it': (h) => `{"Name":"ctx","Endpoints":{"docker":{"Host":"${h.tcp.replace('tcp://', 'foo://')}"}}}`,
      'UNIX:// in capitals': (h) => `{"Name":"ctx","Endpoints":{"docker":{"Host":"${h.unix.replace('unix://', 'UNIX://')}"}}}`,
    };
    for (const [label, text] of Object.entries(metas)) {
      it(label, async () => {
        const configDir = await store();
        await twoContexts(configDir);
        await writeMeta(configDir, 'ctx', text({ tcp: `tcp://${tcpHost}`, unix: `unix://${unixSocket}` }));
        const contexts = await compare(configDir);
        assert.ok(
          contexts.some((context) => context.name === 'ctx' || context.error),
          'the odd context is listed',
        );
        assert.ok(
          ['prod', 'dev', 'default'].every((name) => contexts.some((context) => context.name === name && !context.error)),
          'the others list',
        );
        if ((await docker(configDir, false, 'context', 'inspect', 'ctx')).code === 0) await useAndCheck(configDir, 'ctx');
        else assert.notEqual((await ours(configDir, false, 'use', 'ctx')).code, 0, 'docker cannot use it, nor can we');
      });
    }
  });

  describe('TLS files and directories', () => {
    const withTls = async (configDir: string, name: string, host: string, make: (dir: string) => Promise<void>) => {
      await writeMeta(configDir, name, endpointMeta(name, { Host: host, SkipTLSVerify: false }));
      await mkdir(tlsDir(configDir, name), { recursive: true, mode: 0o700 });
      await make(tlsDir(configDir, name));
    };
    const pem = '-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n';

    it('an empty docker directory (TLS), a dangling, a directory and a linked TLS file', async () => {
      const configDir = await store();
      await twoContexts(configDir);
      await withTls(configDir, 'empty-dir', `tcp://${tcpHost}`, async () => undefined);
      await withTls(configDir, 'dangling-ca', `tcp://${tcpHost}`, (dir) => symlink('/nonexistent/ca.pem', path.join(dir, 'ca.pem')));
      await withTls(configDir, 'directory-ca', `http://${tcpHost}`, (dir) => mkdir(path.join(dir, 'ca.pem')));
      // A certificate without its key is not even parsed by docker, so any content does.
      await withTls(configDir, 'linked-cert', `tcp://${tcpHost}`, async (dir) => {
        await writeFile(path.join(dir, '..', 'real-cert.pem'), pem);
        await symlink('../real-cert.pem', path.join(dir, 'cert.pem'));
      });
      await compare(configDir);
    });

    it('a TLS root that is a file: docker lists everything but dials nothing; so do we', async () => {
      const configDir = await store();
      await twoContexts(configDir);
      await mkdir(path.join(configDir, 'contexts'), { recursive: true });
      await writeFile(path.join(configDir, 'contexts', 'tls'), 'not a directory');
      const contexts = await compare(configDir);
      assert.ok(
        contexts.filter((context) => context.name !== 'default').every((context) => context.error),
        'docker refuses every stored context',
      );
    });

    it('a context directory owned by root (as sudo docker context create leaves it), read as another user', async () => {
      const configDir = await store();
      await twoContexts(configDir);
      await withTls(configDir, 'sudo-made', `tcp://${tcpHost}`, (dir) => writeFile(path.join(dir, 'ca.pem'), pem, { mode: 0o600 }));
      await chmod(path.dirname(tlsDir(configDir, 'sudo-made')), 0o700);
      await chmod(path.join(configDir, 'contexts', 'tls'), 0o755);
      const contexts = await compare(configDir, true);
      assert.ok(contexts.find((context) => context.name === 'sudo-made')?.error);
      assert.ok(contexts.some((context) => context.name === 'prod' && !context.error));
    });

    it('a meta.json only root can read, as another user: docker lists nothing, we list the rest', async () => {
      const configDir = await store();
      await twoContexts(configDir);
      const file = await writeMeta(configDir, 'root-only', endpointMeta('root-only', { Host: `tcp://${tcpHost}` }));
      await chmod(file, 0o600);
      assert.notEqual((await docker(configDir, true, 'context', 'ls')).code, 0, 'docker context ls fails as a whole');
      const contexts = await compare(configDir, true);
      assert.match(contexts.find((context) => context.error)?.error ?? '', /permission denied/);
    });
  });

  describe('FIFOs and directories where files belong', () => {
    it('a FIFO as meta.json or config.json: we return at once with the rest listed; docker blocks', async () => {
      const configDir = await store();
      await twoContexts(configDir);
      const fifo = path.join(configDir, 'contexts', 'meta', contextDirName('fifo'), 'meta.json');
      await mkdir(path.dirname(fifo), { recursive: true });
      execFileSync('mkfifo', [fifo]);
      execFileSync('mkfifo', [path.join(configDir, 'config.json')]);
      const started = Date.now();
      const listed = await ours(configDir, false, 'ls', '--json');
      assert.ok(Date.now() - started < 10_000, `ls took ${Date.now() - started} ms`);
      assert.equal(listed.code, 0, listed.stderr);
      const contexts = JSON.parse(listed.stdout) as OurContext[];
      assert.deepEqual(
        new Map(contexts.map((context) => [context.name, context.error === null])),
        new Map([
          ['default', true],
          ['dev', true],
          [contextDirName('fifo'), false],
          ['prod', true],
        ]),
      );
      assert.match(listed.stderr, /FIFO/);
      // What docker does with it, for the record: it waits for a writer that never comes (and ignores SIGTERM meanwhile).
      const theirs = spawn('docker', ['context', 'ls'], { env: { ...process.env, DOCKER_CONFIG: configDir }, stdio: 'ignore' });
      const exited = new Promise<string>((resolve) => theirs.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)));
      const blocked = await Promise.race([exited, new Promise<string>((resolve) => setTimeout(() => resolve('blocked'), 3000))]);
      theirs.kill('SIGKILL');
      assert.deepEqual([blocked, await exited], ['blocked', 'SIGKILL'], 'docker is still blocked after 3 s');
    });

    it('a directory as meta.json: docker skips it, we list it broken; the rest agree', async () => {
      const configDir = await store();
      await twoContexts(configDir);
      await mkdir(path.join(configDir, 'contexts', 'meta', contextDirName('dir'), 'meta.json'), { recursive: true });
      const contexts = await compare(configDir);
      assert.match(contexts.find((context) => context.error)?.error ?? '', /directory/);
    });
  });
});
