/**
 * `ping [NAME…] [--all] [--timeout MS] [--json]`: reachability, latency and engine version of
 * the current context (default), the named ones, or all; probed concurrently. Exit 0 when every
 * asked-for context answered, 1 otherwise. Unknown SSH host keys are refused (with the
 * fingerprint): trust a host with `ssh` first, or in the extension.
 */
import { type EngineHealth, probeEngines } from '../../core/engine/engineHealth';
import { defaultEngineTimeouts, probeTimeoutMs } from '../../core/engine/engineTimeouts';
import { terminalSafeJson } from '../../core/text/foreignText';
import { contextServices } from '../contextServices';
import { engineConnections } from '../engineServices';
import { type CliCommand, ExitCode } from '../io';
import { parseOptions, UsageError } from '../parseOptions';
import { selectContexts } from '../selectContexts';
import { formatTable } from '../table';

export const pingCommand: CliCommand = {
  name: 'ping',
  summary: 'Check that engines answer (current context by default)',
  usage: '[NAME…] [--all] [--timeout MS] [--json]',
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { all: { type: 'boolean' }, timeout: { type: 'string' }, json: { type: 'boolean' } }, true);
    // --timeout is the connect timeout, as the extension's engine.connectTimeoutSeconds.
    const connectMs = values.timeout === undefined ? defaultEngineTimeouts.connectMs : Number(values.timeout);
    if (!Number.isInteger(connectMs) || connectMs <= 0) throw new UsageError('--timeout takes a whole number of milliseconds');
    const { contexts } = await contextServices(io).list();
    const selected = selectContexts(contexts, positionals, values.all);

    const connections = engineConnections(io.env, connectMs, io);
    try {
      const results = await probeEngines(connections, selected, { timeoutMs: probeTimeoutMs({ connectMs }) });
      io.stdout.write(values.json ? `${terminalSafeJson(results.map(pingJson), 2)}\n` : pingTable(results));
      return results.every((result) => result.reachable) ? ExitCode.ok : ExitCode.failed;
    } finally {
      connections.dispose();
    }
  },
};

function pingJson(result: EngineHealth) {
  const { name, reachable, latencyMs, serverVersion, apiVersion, os, arch, error } = result;
  return { name, reachable, latencyMs, serverVersion, apiVersion, os, arch, error };
}

function pingTable(results: EngineHealth[]): string {
  return formatTable(
    ['NAME', 'REACHABLE', 'LATENCY', 'VERSION', 'API', 'OS/ARCH', 'ERROR'],
    results.map((result) => [
      result.name,
      result.reachable ? 'yes' : 'no',
      result.latencyMs === null ? '' : `${result.latencyMs} ms`,
      result.serverVersion ?? '',
      result.apiVersion ?? '',
      result.os ? `${result.os}/${result.arch}` : '',
      result.error ?? '',
    ]),
  );
}
