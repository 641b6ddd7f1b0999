/**
 * `context import|export`: the sidebar's Import and Export Context from a terminal, with the
 * same checks (src/core/contexts/archive): an archive is read whole and refused before
 * anything is written, its TLS files go to the Docker CLI's store (a terminal has no
 * SecretStorage), and a tier it carries never makes the context laxer than its name and the
 * tier rules do unless --keep-archive-tier says so. An export is written 0600, replacing
 * (never following) whatever is at the target.
 */
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';

import { writeFileAtomic } from '../../core/atomicFile';
import { maxArchiveBytes } from '../../core/contexts/archive/archiveLayout';
import { exportContextArchive } from '../../core/contexts/archive/exportContextArchive';
import { importContextArchive, type ImportResult } from '../../core/contexts/archive/importContextArchive';
import { readContextArchive } from '../../core/contexts/archive/readContextArchive';
import { tierRulesFromEnv } from '../../core/contexts/tierRulesEnv';
import { contextServices } from '../contextServices';
import { type CliCommand, type CliIo, ExitCode } from '../io';
import { parseOptions, UsageError } from '../parseOptions';

export const contextCommand: CliCommand = {
  name: 'context',
  summary: "Import or export a context archive (.dockercontext), with the sidebar's checks",
  usage: 'import FILE [--name NAME] [--keep-archive-tier] | export NAME [FILE]',
  async run(args, io) {
    const [subcommand, ...rest] = args;
    switch (subcommand) {
      case 'import':
        return importArchive(rest, io);
      case 'export':
        return exportArchive(rest, io);
      default:
        throw new UsageError(subcommand === undefined ? 'expects a subcommand: import or export' : `unknown subcommand '${subcommand}'`);
    }
  },
};

async function importArchive(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, { name: { type: 'string' }, 'keep-archive-tier': { type: 'boolean' } }, true);
  if (positionals.length !== 1) throw new UsageError('expects exactly one archive file');
  const [file] = positionals;
  if ((await stat(file)).size > maxArchiveBytes) throw new Error(`${file} is larger than ${maxArchiveBytes >> 20} MiB: not a context archive`);
  const archive = readContextArchive(await readFile(file));
  const name = values.name ?? (typeof archive.meta.Name === 'string' ? archive.meta.Name : path.basename(file).replace(/\.[^.]+$/, ''));
  const { store } = contextServices(io);
  const result = await importContextArchive(store, name, archive, {
    tlsTo: 'store',
    tierRules: tierRulesFromEnv(io.env),
    keepLaxerTier: values['keep-archive-tier'],
  });
  io.stdout.write(`${name}\n`);
  io.stderr.write(`Imported "${name}" from ${file}\n${describeTier(result.tier)}`);
  return ExitCode.ok;
}

function describeTier(tier: ImportResult['tier']): string {
  const lines = [`Archive tier: ${tier.carried ?? 'none'}`, `Tier: ${tier.tier} (from ${tier.tierSource})`];
  if (tier.lowers && tier.tierSource !== 'metadata') {
    lines.push(`The archive's tier "${tier.carried}" is laxer than "${tier.derived}" and was not kept (--keep-archive-tier keeps it).`);
  }
  return `${lines.join('\n')}\n`;
}

async function exportArchive(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseOptions(args, {}, true);
  if (positionals.length < 1 || positionals.length > 2) throw new UsageError('expects a context name and at most one file');
  const [name, file = `${name}.dockercontext`] = positionals;
  const { store } = contextServices(io);
  const context = await store.get(name);
  await writeFileAtomic(file, await exportContextArchive(store, name), { secret: true });
  io.stdout.write(`${file}\n`);
  io.stderr.write(`Exported "${name}" to ${file}\n`);
  if (context.tls.key)
    io.stderr.write(`Warning: ${file} contains the private TLS key of "${name}": anyone with it can use this engine. Keep it like a password.\n`);
  return ExitCode.ok;
}
