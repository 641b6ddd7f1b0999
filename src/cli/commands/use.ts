/** `use NAME`: makes NAME the current context in config.json, exactly like `docker context use`. */
import { switchContext } from '../../core/contexts/switchContext';
import { showControls } from '../../core/text/foreignText';
import { contextServices } from '../contextServices';
import { type CliCommand, ExitCode } from '../io';
import { parseOptions, UsageError } from '../parseOptions';

export const useCommand: CliCommand = {
  name: 'use',
  summary: 'Set the current context (in config.json, like docker context use)',
  usage: 'NAME',
  async run(args, io) {
    const { positionals } = parseOptions(args, {}, true);
    if (positionals.length !== 1) throw new UsageError('expects exactly one context name');
    const [name] = positionals;
    const { store, configFile } = contextServices(io);
    const { overriddenBy } = await switchContext(store, configFile, io.env, name);
    io.stdout.write(`${showControls(name)}\n`);
    io.stderr.write(`Current context is now "${showControls(name)}"\n`);
    if (overriddenBy) {
      io.stderr.write(`Warning: ${overriddenBy} environment variable overrides the context in this shell; unset it to use "${showControls(name)}".\n`);
    }
    return ExitCode.ok;
  },
};
