/** `ls [--json]`: every context as `docker context ls` lists it, with transport and tier. */
import { redactCredentials } from '../../core/audit/redact';
import type { ListedContext } from '../../core/contexts/contextList';
import { overridingVariable } from '../../core/contexts/currentContext';
import { contextServices } from '../contextServices';
import { ExitCode, type CliCommand } from '../io';
import { parseOptions } from '../parseOptions';
import { formatTable } from '../table';
import { terminalSafeJson } from '../../core/text/foreignText';

/** The JSON shape of one context: stable for scripts, so only ever extended. */
export function contextJson(context: ListedContext) {
  return {
    name: context.name,
    current: context.current,
    description: context.description,
    host: redactCredentials(context.host),
    transport: context.transport,
    tier: context.tier,
    tierSource: context.tierSource,
    skipTLSVerify: context.skipTLSVerify,
    tls: context.tls,
    keysInSecretStorage: context.keysInSecretStorage,
    error: context.error,
  };
}

export const lsCommand: CliCommand = {
  name: 'ls',
  summary: 'List contexts with their transport and tier',
  usage: '[--json]',
  async run(args, io) {
    const { values } = parseOptions(args, { json: { type: 'boolean' } }, false);
    const { contexts, current, configError, selectedBy } = await contextServices(io).list();
    if (configError) io.stderr.write(`Warning: ${configError}\n`);
    if (values.json) {
      io.stdout.write(`${terminalSafeJson(contexts.map(contextJson), 2)}\n`);
    } else {
      const rows = contexts.map((context) => [
        context.current ? `${context.name} *` : context.name,
        context.tier,
        context.transport ?? '',
        redactCredentials(context.host),
        context.error ?? '',
      ]);
      io.stdout.write(formatTable(['NAME', 'TIER', 'TRANSPORT', 'DOCKER ENDPOINT', 'ERROR'], rows));
    }
    const variable = selectedBy ? undefined : overridingVariable(current);
    if (variable) io.stderr.write(`Warning: ${variable} environment variable overrides the active context.\n`);
    return ExitCode.ok;
  },
};
