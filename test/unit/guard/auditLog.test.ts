/**
 * The audit log: one JSON line per record, what the guard's outcomes become (and which are left
 * out), rotation by size, appends from several processes at once, no secrets, and a write
 * failure reported to the caller instead of stopping the command.
 */
import * as assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

import { AuditLog, AuditWriteError } from '../../../src/core/audit/auditLog';
import { auditObserver, type AuditRecord, auditRecordOf } from '../../../src/core/audit/auditRecord';
import type { ListedContext } from '../../../src/core/contexts/contextList';
import { classifyDockerArgs } from '../../../src/core/guard/classifyDockerArgs';
import { Guard, GuardDeclined, type GuardRequest } from '../../../src/core/guard/guard';
import { listedContext } from '../../support/listedContext';
import { repoRoot } from '../../support/repoPaths';
import { runProcess } from '../../support/runProcess';
import { useTempDirs } from '../../support/tempDir';

const contextAt = (name: string, host: string, transport: ListedContext['transport'], tier: ListedContext['tier']) =>
  listedContext({ name, host, transport, tier });

const prod = contextAt('prod-eu', 'ssh://ops:hunter2@prod-1', 'ssh', 'production');
const laptop = contextAt('laptop', 'unix:///var/run/docker.sock', 'unix', 'local');
const request = (context: ListedContext, overrides: Partial<GuardRequest> = {}): GuardRequest => ({
  context,
  operation: 'container rm --force',
  operationClass: 'destroy',
  targets: ['web-1'],
  source: 'terminal',
  ...overrides,
});

const readLines = async (file: string) =>
  (await readFile(file, 'utf8'))
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as AuditRecord);

describe('audit log', () => {
  const tempDir = useTempDirs('audit');

  describe('records', () => {
    it('has the documented fields, in order, and never the credentials in an endpoint', () => {
      const record = auditRecordOf({ request: request(prod), outcome: 'done', confirmedBy: 'typedName' }, new Date('2030-01-02T03:04:05Z'))!;
      assert.deepEqual(Object.keys(record), [
        'time',
        'user',
        'hostname',
        'context',
        'endpoint',
        'tier',
        'source',
        'operation',
        'class',
        'targets',
        'outcome',
        'confirmedBy',
      ]);
      assert.equal(record.time, '2030-01-02T03:04:05.000Z');
      assert.equal(record.user, os.userInfo().username);
      assert.equal(record.hostname, os.hostname());
      assert.equal(record.endpoint, 'ssh://ops@prod-1');
      assert.deepEqual([record.context, record.tier, record.class, record.targets, record.outcome], ['prod-eu', 'production', 'destroy', ['web-1'], 'done']);
    });

    it('keeps remote changes, confirmations and refusals; leaves out reads and unguarded local changes', () => {
      assert.ok(auditRecordOf({ request: request(prod, { operationClass: 'mutate' }), outcome: 'done' }));
      assert.ok(auditRecordOf({ request: request(prod), outcome: 'failed', error: new Error('exit status 1') }));
      assert.ok(auditRecordOf({ request: request(laptop), outcome: 'declined' }));
      assert.ok(auditRecordOf({ request: request(laptop), outcome: 'done', confirmedBy: 'answer' }));
      assert.equal(auditRecordOf({ request: request(laptop), outcome: 'done' }), undefined);
      assert.equal(auditRecordOf({ request: request(prod, { operationClass: 'read', operation: 'container ls' }), outcome: 'done' }), undefined);
    });

    it('shortens errors and drops credentials from them', () => {
      const error = new Error(`cannot connect to ssh://ops:hunter2@prod-1: ${'x'.repeat(1000)}`);
      const record = auditRecordOf({ request: request(prod), outcome: 'failed', error })!;
      assert.ok(record.error!.length <= 300);
      assert.ok(!record.error!.includes('hunter2'));
    });

    it('holds no secret from the command line: not the environment of exec, not the command', () => {
      const line = ['exec', '-e', 'PASSWORD=hunter2', 'db', 'psql', '-c', "ALTER USER app PASSWORD 'hunter2'"];
      const { operation, targets, class: operationClass } = classifyDockerArgs(line);
      const record = auditRecordOf({ request: request(prod, { operation, targets, operationClass }), outcome: 'done', confirmedBy: 'answer' })!;
      assert.ok(!JSON.stringify(record).includes('hunter2'), JSON.stringify(record));
      assert.deepEqual(record.targets, ['db']);
    });
  });

  describe('file', () => {
    it('appends one line per record, creating the directory, readable only by the user', async () => {
      const file = path.join(await tempDir(), 'nested', 'audit.jsonl');
      const log = new AuditLog(file);
      const first = auditRecordOf({ request: request(prod), outcome: 'declined' })!;
      const second = auditRecordOf({ request: request(prod), outcome: 'done', confirmedBy: 'typedName' })!;
      log.append(first);
      log.append(second);
      assert.deepEqual(await readLines(file), [first, second]);
      assert.deepEqual(log.readRecent(), [first, second]);
      if (process.platform !== 'win32') assert.equal(statSync(file).mode & 0o777, 0o600);
    });

    it('reads the recent records from the tail, skipping a partial first line and garbage', async () => {
      const file = path.join(await tempDir(), 'audit.jsonl');
      const record = auditRecordOf({ request: request(prod), outcome: 'declined' })!;
      await writeFile(file, `${JSON.stringify(record)}\nnot json\n${JSON.stringify(record)}\n`);
      assert.deepEqual(new AuditLog(file).readRecent(), [record, record]);
      assert.deepEqual(new AuditLog(file).readRecent(JSON.stringify(record).length + 5), [record]);
      assert.deepEqual(new AuditLog(path.join(path.dirname(file), 'absent.jsonl')).readRecent(), []);
    });

    it('rotates by size and keeps every rotated file: no record is ever dropped', async () => {
      const dir = await tempDir();
      const file = path.join(dir, 'audit.jsonl');
      const record = auditRecordOf({ request: request(prod), outcome: 'declined' })!;
      const lineBytes = Buffer.byteLength(`${JSON.stringify(record)}\n`);
      const log = new AuditLog(file, { maxBytes: lineBytes * 2 });
      for (let i = 0; i < 9; i++) {
        log.append({ ...record, targets: [`c${i}`] });
        // Rotated names carry the time to the millisecond: let each rotation have its own.
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      const rotated = (await readdir(dir)).filter((name) => name !== 'audit.jsonl').sort();
      assert.equal(rotated.length, 4);
      for (const name of rotated) assert.match(name, /^audit\.jsonl\.\d{8}T\d{6}\.\d{3}Z-\d+$/);
      const all = [];
      for (const name of [...rotated, 'audit.jsonl']) all.push(...(await readLines(path.join(dir, name))).map((line) => line.targets[0]));
      assert.deepEqual(all, ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8']);
    });

    it('one record holds a bounded number of targets and says how many it left out', () => {
      const huge = { ...request(prod), targets: Array.from({ length: 60_000 }, (_unused, i) => `container ${'n'.repeat(300)}${i}`) };
      const record = auditRecordOf({ request: huge, outcome: 'declined' })!;
      assert.equal(record.targets.length, 50);
      assert.equal(record.targetsOmitted, 59_950);
      assert.ok(JSON.stringify(record).length < 16 * 1024, `${JSON.stringify(record).length} bytes`);
    });

    it('takes appends from several processes at once without mixing lines', async () => {
      const file = path.join(await tempDir(), 'audit.jsonl');
      const writer = `
        const { AuditLog } = require(${JSON.stringify(path.join(repoRoot, 'out', 'src', 'core', 'audit', 'auditLog.js'))});
        const log = new AuditLog(process.argv[1]);
        const record = JSON.parse(process.argv[2]);
        for (let i = 0; i < 200; i++) log.append({ ...record, targets: [process.argv[3] + '-' + i, 'x'.repeat(2000)] });
      `;
      const record = JSON.stringify(auditRecordOf({ request: request(prod), outcome: 'declined' }));
      const results = await Promise.all(['a', 'b', 'c'].map((name) => runProcess(process.execPath, ['-e', writer, file, record, name])));
      for (const result of results) assert.equal(result.code, 0, result.stderr);
      const lines = await readLines(file);
      assert.equal(lines.length, 600);
      for (const name of ['a', 'b', 'c']) assert.equal(lines.filter((line) => line.targets[0].startsWith(`${name}-`)).length, 200);
    });

    it('reports a write failure as an AuditWriteError naming the file', async () => {
      const blocker = path.join(await tempDir(), 'not-a-directory');
      await writeFile(blocker, '');
      const log = new AuditLog(path.join(blocker, 'audit.jsonl'));
      assert.throws(
        () => log.append(auditRecordOf({ request: request(prod), outcome: 'declined' })!),
        (error: unknown) => {
          return error instanceof AuditWriteError && error.message.includes(blocker) && error.file === log.file;
        },
      );
    });
  });

  describe('through the Guard', () => {
    it('logs declined, done and failed outcomes; a failed write is a warning and the action still runs', async () => {
      const file = path.join(await tempDir(), 'audit.jsonl');
      const warnings: Error[] = [];
      const answers = [false, true, true];
      const guard = new Guard(
        async () => ({ allowed: answers.shift()!, confirmedBy: 'answer' as const }),
        auditObserver(new AuditLog(file), (error) => warnings.push(error)),
      );
      await assert.rejects(
        guard.run(request(prod), async () => 'never'),
        GuardDeclined,
      );
      assert.equal(await guard.run(request(prod), async () => 'ran'), 'ran');
      await assert.rejects(
        guard.run(request(prod), async () => {
          throw new Error('engine said no');
        }),
        /engine said no/,
      );
      assert.deepEqual(
        (await readLines(file)).map((line) => [line.outcome, line.error]),
        [
          ['declined', undefined],
          ['done', undefined],
          ['failed', 'engine said no'],
        ],
      );

      const blocker = path.join(await tempDir(), 'file');
      await writeFile(blocker, '');
      const unwritable = new Guard(
        async () => true,
        auditObserver(new AuditLog(path.join(blocker, 'audit.jsonl')), (error) => warnings.push(error)),
      );
      assert.equal(await unwritable.run(request(prod), async () => 'still ran'), 'still ran');
      assert.equal(warnings.length, 1);
      assert.ok(warnings[0] instanceof AuditWriteError);
    });

    it('a policy that throws counts as declined', async () => {
      const file = path.join(await tempDir(), 'audit.jsonl');
      const guard = new Guard(
        async () => {
          throw new Error('cancelled');
        },
        auditObserver(new AuditLog(file), () => undefined),
      );
      await assert.rejects(
        guard.run(request(laptop), async () => 'never'),
        /cancelled/,
      );
      assert.deepEqual(
        (await readLines(file)).map((line) => [line.context, line.outcome, line.error]),
        [['laptop', 'declined', 'cancelled']],
      );
    });
  });
});
