/**
 * Engine Audit's document (engineAudit.ts): the plugin's lines and our own audit records for the
 * same host in one timeline, oldest first, each marked where it came from; records of other hosts
 * left out; lines that cannot be read shown at the end rather than dropped; ties kept in order.
 */
import * as assert from 'node:assert/strict';

import { endpointHost, mergeEngineAudit } from '../../../src/core/access/engineAudit';
import type { AuditRecord } from '../../../src/core/audit/auditRecord';

const own = (time: string, endpoint: string, operation: string) => ({ time, endpoint, operation, context: 'c' }) as unknown as AuditRecord;

describe('engine audit: one timeline', () => {
  it('merges by time, marks the source, keeps only this host, keeps unreadable lines', () => {
    const engine = [
      JSON.stringify({ time: '2030-01-01T00:00:03.000Z', cn: 'alice', decision: 'allow' }),
      'not json',
      JSON.stringify({ time: '2030-01-01T00:00:01.000Z', cn: 'bob', decision: 'deny' }),
      JSON.stringify({ cn: 'no time' }),
      '',
    ].join('\n');
    const records = [
      own('2030-01-01T00:00:02.000Z', 'tcp://127.0.0.1:2376', 'container rm'),
      own('2030-01-01T00:00:00.500Z', 'ssh://root@127.0.0.1:22', 'container stop'),
      own('2030-01-01T00:00:01.500Z', 'tcp://127.0.0.9:2376', 'elsewhere'),
    ];
    const lines = mergeEngineAudit(engine, records, '127.0.0.1')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(
      lines.map((line) => [line.from, line.cn ?? line.operation ?? line.unreadable]),
      [
        ['guard', 'container stop'],
        ['engine', 'bob'],
        ['guard', 'container rm'],
        ['engine', 'alice'],
        ['engine', 'not json'],
        ['engine', JSON.stringify({ cn: 'no time' })],
      ],
    );
  });

  it('reads the host of every endpoint form', () => {
    assert.equal(endpointHost('tcp://Engine.Example:2376'), 'engine.example');
    assert.equal(endpointHost('ssh://root@[::1]:22'), '::1');
    assert.equal(endpointHost('127.0.0.1'), '127.0.0.1');
  });
});
