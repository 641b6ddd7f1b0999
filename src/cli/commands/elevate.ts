/**
 * `elevate NAME --for DURATION --reason TEXT`, `elevate --end NAME`, `elevate --list [--json]`:
 * opens write access to a context for a while, with a reason (break-glass; a read-only
 * production context takes no change without one), ends it, or lists what is open. Opening
 * takes the context's name typed on the terminal, or DOCKER_GUARD_CONFIRM naming it where no
 * terminal can ask — as any destroy on production does. Every step is audited; the elevation is
 * shared with every VS Code window and terminal of this user (elevations.ts).
 */
import { AuditLog } from '../../core/audit/auditLog';
import { type ElevationEvent, elevationRecord } from '../../core/audit/auditRecord';
import type { ListedContext } from '../../core/contexts/contextList';
import { type Elevation, formatDuration, parseDuration, userElevations } from '../../core/guard/elevations';
import type { ConfirmationMethod, GuardRequest } from '../../core/guard/guard';
import { guardSettingsFromEnv } from '../../core/guard/guardSettingsEnv';
import { auditLogFile } from '../../core/stateDirectory';
import { guardRefusedExitCode, terminalAsker } from '../../core/terminal/terminalPolicy';
import { showControls, terminalSafeJson } from '../../core/text/foreignText';
import { contextServices } from '../contextServices';
import { type CliCommand, type CliIo, ExitCode } from '../io';
import { parseOptions, UsageError } from '../parseOptions';
import { formatTable } from '../table';

export const elevateCommand: CliCommand = {
  name: 'elevate',
  summary: 'Open write access to a context for a while, with a reason (read-only production); --end, --list',
  usage: 'NAME --for DURATION --reason TEXT | --end NAME | --list [--json]',
  async run(args, io) {
    const { values, positionals } = parseOptions(
      args,
      { for: { type: 'string' }, reason: { type: 'string' }, end: { type: 'boolean' }, list: { type: 'boolean' }, json: { type: 'boolean' } },
      true,
    );
    const settings = guardSettingsFromEnv(io.env);
    const store = userElevations(io.env, settings);
    const log = new AuditLog(auditLogFile(io.env));
    const audit = (event: ElevationEvent, elevation: Elevation, confirmedBy?: ConfirmationMethod) =>
      log.append(elevationRecord(event, elevation, 'terminal', confirmedBy));
    const auditDropped = (dropped: Elevation[]) => dropped.forEach((elevation) => audit('expire', elevation));

    if (values.list) {
      if (positionals.length > 0 || values.end || values.for || values.reason) throw new UsageError('--list takes no other argument but --json');
      auditDropped(await store.sweep().catch(() => []));
      const { open, problem } = store.read();
      if (problem) io.stderr.write(`Warning: ${showControls(problem)}\n`);
      writeList(io, open, values.json === true);
      return ExitCode.ok;
    }
    if (positionals.length !== 1) throw new UsageError('expects exactly one context name');
    const [name] = positionals;
    if (values.end) {
      if (values.for || values.reason) throw new UsageError('--end takes only the context name');
      const { ended, dropped } = await store.end(name);
      auditDropped(dropped);
      if (!ended) {
        io.stderr.write(`"${showControls(name)}" has no open elevation\n`);
        return ExitCode.failed;
      }
      audit('end', ended);
      io.stderr.write(`Write access to "${showControls(name)}" ended\n`);
      return ExitCode.ok;
    }

    if (values.for === undefined || values.reason === undefined) throw new UsageError('expects --for DURATION and --reason TEXT');
    const seconds = parseDuration(values.for);
    if (seconds === undefined) throw new UsageError(`--for: "${showControls(values.for)}" is not a duration (like 90s, 15m, 1h, 1h30m)`);
    if (!values.reason.trim()) throw new UsageError('--reason: say why (a ticket, an incident)');
    const context = (await contextServices(io).list()).contexts.find((candidate) => candidate.name === name && !candidate.missing);
    if (!context) {
      io.stderr.write(`context "${showControls(name)}" does not exist\n`);
      return ExitCode.failed;
    }
    if (context.error) {
      io.stderr.write(`context "${showControls(name)}" cannot be used: ${showControls(context.error)}\n`);
      return ExitCode.failed;
    }
    const request = openingRequest(context, seconds, values.reason);
    const confirmedBy = await terminalAsker({ env: io.env, stderr: io.stderr }).ask(request, 'typeName');
    if (!confirmedBy) return guardRefusedExitCode;
    const { elevation, previous, dropped } = await store.open(context, values.reason, seconds);
    auditDropped(dropped);
    audit(previous ? 'extend' : 'open', elevation, confirmedBy);
    io.stderr.write(`Write access to "${showControls(name)}" (${context.tier}) is open for ${formatDuration(seconds)}, until ${elevation.until}\n`);
    return ExitCode.ok;
  },
};

/** What the typed-name question describes: opening write access is asked like a destroy. */
function openingRequest(context: ListedContext, seconds: number, reason: string): GuardRequest {
  return {
    context,
    operation: `elevate for ${formatDuration(seconds)} (reason: ${reason.trim()})`,
    operationClass: 'destroy',
    targets: [],
    source: 'terminal',
  };
}

function writeList(io: CliIo, open: Elevation[], json: boolean): void {
  const rows = open.map(({ context, reason, user, hostname, since, until }) => ({ name: context, reason, who: `${user}@${hostname}`, since, until }));
  if (json) {
    io.stdout.write(`${terminalSafeJson(rows)}\n`);
    return;
  }
  if (rows.length === 0) {
    io.stderr.write('No context is elevated\n');
    return;
  }
  const left = (until: string) => formatDuration((Date.parse(until) - Date.now()) / 1000);
  io.stdout.write(
    formatTable(
      ['NAME', 'REASON', 'WHO', 'SINCE', 'UNTIL', 'LEFT'],
      rows.map((row) => [row.name, row.reason, row.who, row.since, row.until, left(row.until)]),
    ),
  );
}
