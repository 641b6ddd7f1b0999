/**
 * `gateway [NAME…] [--all] [--dir DIR] [--audit FILE]`: serves the engine gateway for the current
 * context (default), the named ones or all, in the foreground, printing `NAME unix://PATH` for
 * each socket once it listens; SIGINT or SIGTERM closes the sockets and removes them. With no one
 * to ask, a request that needs a confirmation is refused (403, saying how to proceed: an
 * elevation, opened with `elevate`, which the gateway reads at every request); read-only
 * production refuses every change as everywhere. Audit lines go where the terminal's go.
 */
import * as path from 'node:path';

import { AuditLog } from '../../core/audit/auditLog';
import { auditObserver } from '../../core/audit/auditRecord';
import type { EngineConnections } from '../../core/engine/engineConnections';
import { defaultEngineTimeouts } from '../../core/engine/engineTimeouts';
import { EngineGateway } from '../../core/gateway/engineGateway';
import { confirmationPolicy } from '../../core/guard/confirmationPolicy';
import { userElevations } from '../../core/guard/elevations';
import { guardSettingsFromEnv } from '../../core/guard/guardSettingsEnv';
import { sharedEnv } from '../../core/sharedEnvironment';
import { auditLogFile, guardStateDirectory } from '../../core/stateDirectory';
import { showControls } from '../../core/text/foreignText';
import { contextServices } from '../contextServices';
import { engineConnections } from '../engineServices';
import { type CliCommand, ExitCode } from '../io';
import { parseOptions } from '../parseOptions';
import { selectContexts } from '../selectContexts';

export interface HeadlessGatewayOptions {
  env: NodeJS.ProcessEnv;
  directory: string;
  auditFile: string;
  connections: EngineConnections;
  /** Warnings and upstream failures, one line each. */
  warn: (line: string) => void;
}

/** The gateway with no one to ask: the shared policy, elevations from the user's state folder, the audit log. */
export function headlessGateway({ env, directory, auditFile, connections, warn }: HeadlessGatewayOptions): EngineGateway {
  const settings = guardSettingsFromEnv(env);
  const elevations = userElevations(env, settings);
  return new EngineGateway({
    directory,
    upstream: (context) => connections.upstreamFor(context),
    policy: confirmationPolicy({ settings: () => settings, asker: { ask: async () => undefined }, elevationOf: (context) => elevations.openFor(context) }),
    observe: auditObserver(new AuditLog(auditFile), (error) => warn(`warning: ${error.message}`)),
    log: warn,
  });
}

/** $DOCKER_CONTEXT_GUARD_GATEWAY_DIR, else `gateway` in the user's guard state folder. */
export function gatewayDirectory(env: NodeJS.ProcessEnv): string {
  const given = env[sharedEnv.gatewayDir];
  return given && path.isAbsolute(given) ? given : path.join(guardStateDirectory(env), 'gateway');
}

function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

export const gatewayCommand: CliCommand = {
  name: 'gateway',
  summary: 'Serve a guarded engine socket per context, in the foreground (current context by default)',
  usage: '[NAME…] [--all] [--dir DIR] [--audit FILE]',
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { all: { type: 'boolean' }, dir: { type: 'string' }, audit: { type: 'string' } }, true);
    const stopped = stopSignal();
    const { contexts } = await contextServices(io).list();
    const selected = selectContexts(contexts, positionals, values.all);
    if (selected.length === 0) throw new Error('no context to serve');
    const connections = engineConnections(io.env, defaultEngineTimeouts.connectMs, io);
    const warn = (line: string) => io.stderr.write(`${showControls(line)}\n`);
    const directory = path.resolve(values.dir ?? gatewayDirectory(io.env));
    const gateway = headlessGateway({ env: io.env, directory, auditFile: values.audit ? path.resolve(values.audit) : auditLogFile(io.env), connections, warn });
    try {
      for (const context of selected) {
        const socket = await gateway.open(context);
        io.stdout.write(`${showControls(context.name)} ${socket.dockerHost}\n`);
      }
      await stopped;
      return ExitCode.ok;
    } finally {
      await gateway.dispose();
      connections.dispose();
    }
  },
};
