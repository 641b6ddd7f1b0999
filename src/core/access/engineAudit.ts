/**
 * "Engine Audit": the plugin's record of an engine (every request it judged: who by certificate,
 * which role, what, allowed or refused) merged in time with our own audit log's lines for the
 * same host (what this machine's guard sent or declined there). One JSON object a line, oldest
 * first, each marked with where it comes from: `"from": "engine"` or `"from": "guard"`.
 * Lines that are no JSON object with a `time` are kept, at the end, marked unreadable: an audit
 * shown to someone never hides a line.
 */
import type { AuditRecord } from '../audit/auditRecord';

type Line = { time: string; from: 'engine' | 'guard'; record: Record<string, unknown> };

/** The host an endpoint (`tcp://h:p`, `ssh://u@h:p`, `h`) names, for matching our records to the engine's host. */
export function endpointHost(endpoint: string): string {
  try {
    return new URL(endpoint).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return endpoint.toLowerCase();
  }
}

export function mergeEngineAudit(engineText: string, ownRecords: readonly AuditRecord[], host: string): string {
  const lines: Line[] = [];
  const unreadable: string[] = [];
  for (const text of engineText.split('\n')) {
    if (text.trim() === '') continue;
    try {
      const record = JSON.parse(text) as unknown;
      if (typeof record !== 'object' || record === null || typeof (record as { time?: unknown }).time !== 'string') throw new Error('no time');
      lines.push({ time: (record as { time: string }).time, from: 'engine', record: record as Record<string, unknown> });
    } catch {
      unreadable.push(text);
    }
  }
  const wanted = host.toLowerCase();
  for (const record of ownRecords)
    if (endpointHost(record.endpoint) === wanted) lines.push({ time: record.time, from: 'guard', record: record as unknown as Record<string, unknown> });
  // A stable sort: lines of the same instant keep the order each log wrote them in.
  lines.sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  return [
    ...lines.map(({ from, record }) => JSON.stringify({ from, ...record })),
    ...unreadable.map((text) => JSON.stringify({ from: 'engine', unreadable: text })),
  ]
    .map((line) => `${line}\n`)
    .join('');
}
