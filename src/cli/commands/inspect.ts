/** `inspect NAME`: one context as JSON, with its stored metadata and where its files are (never key contents). */
import { terminalSafeJson } from '../../core/text/foreignText';
import { contextServices } from '../contextServices';
import { type CliCommand, ExitCode } from '../io';
import { parseOptions, UsageError } from '../parseOptions';
import { contextJson } from './ls';

export const inspectCommand: CliCommand = {
  name: 'inspect',
  summary: 'Show one context as JSON',
  usage: 'NAME',
  async run(args, io) {
    const { positionals } = parseOptions(args, {}, true);
    if (positionals.length !== 1) throw new UsageError('expects exactly one context name');
    const [name] = positionals;
    const { store, list } = contextServices(io);
    await store.get(name);
    const context = (await list()).contexts.find((candidate) => candidate.name === name);
    if (!context) throw new Error(`context "${name}" does not exist`);
    const storage = context.isDefault ? null : { metaFile: store.metaFileOf(name), tlsDir: store.tlsDirOf(name) };
    const metadata = context.isDefault ? null : await store.readMeta(name).catch(() => null);
    io.stdout.write(`${terminalSafeJson({ ...contextJson(context), metadata, storage }, 2)}\n`);
    return ExitCode.ok;
  },
};
