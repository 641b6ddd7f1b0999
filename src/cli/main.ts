/**
 * Argument dispatch for the companion CLI.
 *
 * The same binary runs standalone (`docker-context-guard ls`) and as a Docker CLI plugin: the
 * Docker CLI first asks a plugin for its metadata (`docker-guard docker-cli-plugin-metadata`)
 * and then runs it with its own command line, global flags included, and the plugin's name in
 * front of the plugin's words (`docker-guard --context X guard ls` for `docker --context X guard
 * ls`), setting DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND. Those flags reach every command (see
 * contextServices.ts), as they would reach a built-in docker command.
 */
import { dockerCommandTable } from '../core/guard/dockerCommandTable';
import { compileOptions, parseDockerOptions } from '../core/guard/dockerOptions';
import { productDisplayName, productName, productVersion } from '../core/productInfo';
import { commandTable } from './commandTable';
import { type CliIo, ExitCode } from './io';
import { UsageError } from './parseOptions';

export const pluginName = 'guard';

const pluginMetadata = {
  SchemaVersion: '0.1.0',
  Vendor: productDisplayName,
  Version: productVersion,
  ShortDescription: 'Docker contexts with a guard for remote engines',
};

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] === 'docker-cli-plugin-metadata') {
    io.stdout.write(`${JSON.stringify(pluginMetadata, null, 2)}\n`);
    return ExitCode.ok;
  }
  const plugin = io.env.DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND !== undefined ? pluginCommandLine(argv) : undefined;
  const programName = plugin ? `docker ${pluginName}` : productName;
  const [commandName, ...args] = plugin ? plugin.words : argv;
  if (plugin) io = { ...io, dockerGlobalArgs: plugin.globalArgs };

  if (commandName === undefined || commandName === '--help' || commandName === '-h' || commandName === 'help') {
    io.stdout.write(helpText(programName));
    return ExitCode.ok;
  }
  if (commandName === '--version' || commandName === '-v' || commandName === 'version') {
    io.stdout.write(`${productName} ${productVersion}\n`);
    return ExitCode.ok;
  }
  const command = commandTable.find((candidate) => candidate.name === commandName);
  if (!command) {
    io.stderr.write(`${programName}: unknown command '${commandName}'. Run '${programName} --help' for the list.\n`);
    return ExitCode.usage;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`${programName} ${command.name}: ${message}\n`);
    if (error instanceof UsageError) {
      io.stderr.write(`Usage: ${programName} ${command.name} ${command.usage}\n`);
      return ExitCode.usage;
    }
    return ExitCode.failed;
  }
}

/** `--context X guard ls`: docker's global flags (parsed as docker parses them), then our name, then our words. */
function pluginCommandLine(argv: string[]): { globalArgs: string[]; words: string[] } | undefined {
  const { positionals } = parseDockerOptions(argv, compileOptions(dockerCommandTable.options ?? ''), { interspersed: false });
  if (positionals[0] !== pluginName) return undefined;
  return { globalArgs: argv.slice(0, argv.length - positionals.length), words: positionals.slice(1) };
}

function helpText(programName: string): string {
  const width = Math.max(0, ...commandTable.map((command) => command.name.length));
  const commands = commandTable.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return [
    `Usage: ${programName} COMMAND [OPTIONS]`,
    '',
    `${productDisplayName}: Docker contexts, as the Docker CLI stores them, with a guard for remote engines.`,
    '',
    ...(commands.length > 0 ? ['Commands:', ...commands, ''] : []),
    'Options:',
    '  -h, --help     Show this help',
    '  -v, --version  Print the version',
    '',
  ].join('\n');
}
