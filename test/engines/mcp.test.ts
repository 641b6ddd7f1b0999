/**
 * The MCP server (`docker-context-guard mcp`) spoken to as an MCP client would, in raw
 * newline-delimited JSON-RPC over its stdin and stdout (not the SDK's client: the test checks the
 * wire), against the real engines: a production context `prod` and a remote development one
 * `edge` on the TLS engine, a local `laptop` on the unix-socket engine. What the real docker CLI
 * says about the containers afterwards is the oracle: a removal refused on production (read-only)
 * or on a remote engine (no one to confirm over MCP) leaves the container there; on the local
 * engine it is gone; `--read-only` refuses it everywhere; inside an elevation a person opened,
 * production takes it. Every request is in the audit log with source `agent` and the tool.
 */
import * as assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import * as readline from 'node:readline';

import { useGuardFixture } from '../support/guardFixture';
import { loadHarnessInfo } from '../support/harnessInfo';
import { cliPath } from '../support/repoPaths';
import { runWithoutTerminal } from '../unit/guard/terminalProcess';

interface ToolAnswer {
  content: { type: string; text: string }[];
  isError?: boolean;
}

/** One server process, and JSON-RPC requests answered by id. */
class McpSession {
  private nextId = 1;
  private readonly waiting = new Map<number, (message: Record<string, unknown>) => void>();
  readonly stderr: string[] = [];
  private readonly child: ChildProcessWithoutNullStreams;

  constructor(args: string[], env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, [cliPath, 'mcp', ...args], { env, stdio: 'pipe' });
    this.child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    readline.createInterface({ input: this.child.stdout }).on('line', (line) => {
      const message = JSON.parse(line) as Record<string, unknown>;
      this.waiting.get(message.id as number)?.(message);
    });
  }

  request(method: string, params: unknown = {}): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    const answered = new Promise<Record<string, unknown>>((resolve) => this.waiting.set(id, resolve));
    this.child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    return answered;
  }

  notify(method: string): void {
    this.child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method })}\n`);
  }

  async start(): Promise<Record<string, unknown>> {
    const answer = await this.request('initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'mcp.test', version: '1' } });
    this.notify('notifications/initialized');
    return answer;
  }

  async call(name: string, args: Record<string, unknown>): Promise<ToolAnswer> {
    const answer = await this.request('tools/call', { name, arguments: args });
    assert.equal(answer.error, undefined, JSON.stringify(answer.error));
    return answer.result as ToolAnswer;
  }

  /** Closes stdin, as a client ends the session; resolves with the exit code. */
  stop(): Promise<number | null> {
    return new Promise((resolve) => {
      this.child.once('exit', (code) => resolve(code));
      this.child.stdin.end();
    });
  }
}

describe('MCP server (JSON-RPC over stdio, real engines)', function () {
  this.timeout(60_000);
  const info = loadHarnessInfo();
  // DOCKER_GUARD_CONFIRM must count for nothing over MCP: an agent's environment is not a person.
  const fixture = useGuardFixture('mcp', { prod: 'tls', edge: 'tls', laptop: 'local' }, { production: 'readOnly' }, { DOCKER_GUARD_CONFIRM: 'prod' });
  const { container, exists } = fixture;
  const sessions: McpSession[] = [];

  before(() => fixture.docker.ok('context', 'use', 'laptop'));

  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((session) => session.stop()));
  });

  async function session(args: string[] = []): Promise<McpSession> {
    const started = new McpSession(args, fixture.env);
    sessions.push(started);
    await started.start();
    return started;
  }

  const auditedFor = async (name: string) =>
    fixture
      .auditRecords()
      .filter((line) => line.targets.includes(name))
      .map((line) => [line.source, line.tool, line.context, line.tier, line.operation, line.outcome, line.confirmedBy]);

  it('answers initialize and lists the tools with their schemas', async () => {
    const server = new McpSession([], fixture.env);
    sessions.push(server);
    const initialized = await server.start();
    const result = initialized.result as { serverInfo: { name: string }; capabilities: { tools?: unknown } };
    assert.equal(result.serverInfo.name, 'docker-context-guard');
    assert.ok(result.capabilities.tools);
    const { tools } = (await server.request('tools/list')).result as {
      tools: { name: string; inputSchema: { properties: Record<string, unknown>; required?: string[] } }[];
    };
    const names = tools.map((tool) => tool.name);
    for (const name of ['docker_target', 'docker_list_containers', 'docker_remove_container']) assert.ok(names.includes(name), names.join());
    const remove = tools.find((tool) => tool.name === 'docker_remove_container')!;
    assert.deepEqual(Object.keys(remove.inputSchema.properties).sort(), ['container', 'context', 'force']);
    assert.deepEqual(remove.inputSchema.required, ['container']);
  });

  it('docker_target reports the current context, and production as read-only and reachable', async () => {
    const server = await session();
    const current = JSON.parse((await server.call('docker_target', {})).content[0].text) as Record<string, unknown>;
    assert.deepEqual([current.context, current.tier, current.transport, current.reachable], ['laptop', 'local', 'unix', true]);
    const prod = await server.call('docker_target', { context: 'prod' });
    assert.equal(prod.isError, false);
    const report = JSON.parse(prod.content[0].text) as Record<string, unknown>;
    assert.deepEqual([report.tier, report.readOnly, report.reachable, report.endpoint], ['production', true, true, info.tls.host]);
  });

  it('docker_list_containers lists what docker ps -a lists, and the read is audited for the agent', async () => {
    const name = await container('laptop');
    const server = await session();
    const answer = await server.call('docker_list_containers', { context: 'laptop' });
    const listed = (JSON.parse(answer.content[0].text) as { containers: { name: string }[] }).containers.map((row) => row.name).sort();
    const oracle = (await fixture.docker.ok('--context', 'laptop', 'ps', '-a', '--format', '{{.Names}}')).split('\n').filter(Boolean).sort();
    assert.deepEqual(listed, oracle);
    assert.ok(listed.includes(name));
    const reads = fixture.auditRecords().filter((line) => line.tool === 'docker_list_containers');
    assert.deepEqual(reads.at(-1) && [reads.at(-1)!.source, reads.at(-1)!.class, reads.at(-1)!.context, reads.at(-1)!.outcome], [
      'agent',
      'read',
      'laptop',
      'done',
    ]);
  });

  it('refuses docker_remove_container on read-only production as a tool error naming the tier; the container stays', async () => {
    const name = await container('prod');
    const server = await session();
    const answer = await server.call('docker_remove_container', { container: name, context: 'prod', force: true });
    assert.equal(answer.isError, true);
    assert.match(answer.content[0].text, /"prod" is production and read-only.*docker guard elevate prod --for.*Nothing was sent/);
    assert.ok(await exists('prod', name));
    assert.deepEqual(await auditedFor(name), [['agent', 'docker_remove_container', 'prod', 'production', 'container rm --force', 'declined', undefined]]);
  });

  it('refuses it on a remote development engine: no one can confirm over MCP', async () => {
    const name = await container('edge');
    const server = await session();
    const answer = await server.call('docker_remove_container', { container: name, context: 'edge', force: true });
    assert.equal(answer.isError, true);
    assert.match(
      answer.content[0].text,
      /on "edge" \(development, .*needs a person's confirmation, and no one was asked \(over MCP and in an agent's terminal no one can be\)/,
    );
    assert.ok(await exists('edge', name));
  });

  it('removes it on the local engine, and the audit line says agent and the tool', async () => {
    const name = await container('laptop');
    const server = await session();
    const answer = await server.call('docker_remove_container', { container: name, force: true });
    assert.equal(answer.isError, false, answer.content[0].text);
    assert.match(answer.content[0].text, new RegExp(`Removed container ${name} on "laptop" \\(local\\)`));
    assert.equal(await exists('laptop', name), false);
    assert.deepEqual(await auditedFor(name), [['agent', 'docker_remove_container', 'laptop', 'local', 'container rm --force', 'done', undefined]]);
  });

  it('with --read-only refuses it on the local engine too; reads still answer', async () => {
    const name = await container('laptop');
    const server = await session(['--read-only']);
    const answer = await server.call('docker_remove_container', { container: name, context: 'laptop', force: true });
    assert.equal(answer.isError, true);
    assert.match(answer.content[0].text, /on "laptop" \(local, .*started with --read-only/);
    assert.ok(await exists('laptop', name));
    assert.equal((await server.call('docker_list_containers', {})).isError, false);
    assert.deepEqual((await auditedFor(name)).at(-1), ['agent', 'docker_remove_container', 'laptop', 'local', 'container rm --force', 'declined', undefined]);
  });

  it('docker_prune_containers removes exactly the stopped containers docker lists, never a running one; on production it is refused', async () => {
    const running = await container('laptop');
    const stopped = await container('laptop');
    await fixture.docker.ok('--context', 'laptop', 'stop', '-t', '0', stopped);
    const oracle = (
      await fixture.docker.ok(
        '--context',
        'laptop',
        'ps',
        '-a',
        '--filter',
        'status=exited',
        '--filter',
        'status=created',
        '--filter',
        'status=dead',
        '--format',
        '{{.Names}}',
      )
    )
      .split('\n')
      .filter(Boolean)
      .sort();
    const onProd = await container('prod');
    await fixture.docker.ok('--context', 'prod', 'stop', '-t', '0', onProd);
    const server = await session();
    const refused = await server.call('docker_prune_containers', { context: 'prod' });
    assert.equal(refused.isError, true);
    assert.match(refused.content[0].text, /"prod" is production and read-only/);
    assert.ok(await exists('prod', onProd));

    const pruned = await server.call('docker_prune_containers', { context: 'laptop' });
    assert.equal(pruned.isError, false, pruned.content[0].text);
    assert.equal(await exists('laptop', stopped), false);
    assert.ok(await exists('laptop', running));
    const line = fixture.auditRecords().find((record) => record.tool === 'docker_prune_containers' && record.outcome === 'done')!;
    assert.deepEqual([...line.targets].sort(), oracle);
  });

  it('inside an elevation a person opened, production takes the removal (the elevation stands for the question)', async () => {
    const name = await container('prod');
    const opened = await runWithoutTerminal(process.execPath, [cliPath, 'elevate', 'prod', '--for', '30s', '--reason', 'INC-7'], fixture.env);
    assert.equal(opened.code, 0, opened.stderr);
    try {
      const server = await session();
      const answer = await server.call('docker_remove_container', { container: name, context: 'prod', force: true });
      assert.equal(answer.isError, false, answer.content[0].text);
      assert.equal(await exists('prod', name), false);
      const line = fixture.auditRecords().find((record) => record.targets.includes(name))!;
      assert.deepEqual(
        [line.source, line.tool, line.outcome, line.confirmedBy, line.elevation?.reason],
        ['agent', 'docker_remove_container', 'done', 'elevation', 'INC-7'],
      );
    } finally {
      await runWithoutTerminal(process.execPath, [cliPath, 'elevate', '--end', 'prod'], fixture.env);
    }
  });
});
