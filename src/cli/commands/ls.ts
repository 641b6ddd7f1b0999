/** `ls [--json]`: every context as `docker context ls` lists it, with transport, tier and when its TLS files expire. */
import { redactCredentials } from '../../core/audit/redact';
import { firstToExpirePem } from '../../core/certificates/firstExpiry';
import type { ListedContext } from '../../core/contexts/contextList';
import type { ContextStore } from '../../core/contexts/contextStore';
import { overridingVariable } from '../../core/contexts/currentContext';
import { terminalSafeJson } from '../../core/text/foreignText';
import { relativeDays } from '../../core/text/relativeDays';
import { contextServices } from '../contextServices';
import { type CliCommand, ExitCode } from '../io';
import { parseOptions } from '../parseOptions';
import { formatTable } from '../table';

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

/** When the first of a context's TLS files in the store (client certificate or CA) expires: ISO date and words. */
interface CertificatesExpire {
  notAfter: string;
  relative: string;
}

async function certificatesExpire(store: ContextStore, context: ListedContext): Promise<CertificatesExpire | null> {
  if (context.transport !== 'tls' || context.keysInSecretStorage || context.error) return null;
  const material = await store.tlsFiles.read(context).catch(() => undefined);
  const first = firstToExpirePem([material?.certPem, material?.caPem]);
  return first ? { notAfter: first.notAfter, relative: relativeDays(first.notAfter) } : null;
}

function certificatesColumn(context: ListedContext, expire: CertificatesExpire | null): string {
  if (context.keysInSecretStorage) return 'in VS Code SecretStorage';
  if (!expire) return '';
  return `${Date.parse(expire.notAfter) < Date.now() ? 'expired' : 'expires'} ${expire.relative}`;
}

export const lsCommand: CliCommand = {
  name: 'ls',
  summary: 'List contexts with their transport and tier',
  usage: '[--json]',
  async run(args, io) {
    const { values } = parseOptions(args, { json: { type: 'boolean' } }, false);
    const services = contextServices(io);
    const { contexts, current, configError, selectedBy } = await services.list();
    if (configError) io.stderr.write(`Warning: ${configError}\n`);
    const expires = await Promise.all(contexts.map((context) => certificatesExpire(services.store, context)));
    if (values.json) {
      io.stdout.write(
        `${terminalSafeJson(
          contexts.map((context, index) => ({ ...contextJson(context), certificatesExpire: expires[index] })),
          2,
        )}\n`,
      );
    } else {
      const rows = contexts.map((context, index) => [
        context.current ? `${context.name} *` : context.name,
        context.tier,
        context.transport ?? '',
        redactCredentials(context.host),
        certificatesColumn(context, expires[index]),
        context.error ?? '',
      ]);
      io.stdout.write(formatTable(['NAME', 'TIER', 'TRANSPORT', 'DOCKER ENDPOINT', 'CERTIFICATES', 'ERROR'], rows));
    }
    const variable = selectedBy ? undefined : overridingVariable(current);
    if (variable) io.stderr.write(`Warning: ${variable} environment variable overrides the active context.\n`);
    return ExitCode.ok;
  },
};
