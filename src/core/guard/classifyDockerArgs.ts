/**
 * From a docker command line (everything after `docker`) to what the guard weighs: the class,
 * the normalized operation, the targets, and the global flags that pick the engine. It walks
 * dockerCommandTable.ts the way cobra walks docker's command tree: each level's options first
 * (docker's own global flags stand only before the subcommand), then the subcommand's name.
 */
import { redactCredentials } from '../audit/redact';
import {
  dockerCommandTable,
  isCommandGroup,
  type CommandSubject,
  type DockerCommand,
  type DockerCommandGroup,
} from './dockerCommandTable';
import { compileOptions, isTrue, notedOptions, parseDockerOptions, type ParsedOption } from './dockerOptions';
import type { OperationClass } from './guard';

/** docker's global flags, as given on this command line (absent when not given). */
export interface DockerGlobalFlags {
  context?: string;
  host?: string;
  config?: string;
  tls?: boolean;
  tlsVerify?: boolean;
  tlsCaCert?: string;
  tlsCert?: string;
  tlsKey?: string;
  debug?: boolean;
  logLevel?: string;
}

export interface DockerCommandClassification {
  class: OperationClass;
  /** Normalized (`container rm`), with the options that widen what goes: `system prune --all --volumes`. */
  operation: string;
  /** The command's positional targets (container names…), credentials in URLs redacted. */
  targets: string[];
  subject: CommandSubject;
  globalFlags: DockerGlobalFlags;
}

/** A word typed where a subcommand was expected, as it may be shown and logged (a plugin's name). */
const commandWord = /^[a-z0-9][a-z0-9._-]{0,63}$/i;

export function classifyDockerArgs(args: readonly string[]): DockerCommandClassification {
  let group: DockerCommandGroup = dockerCommandTable;
  let rest = args;
  const path: string[] = [];
  const groupNotes: string[] = [];
  let globalFlags: DockerGlobalFlags = {};
  const result = (cls: OperationClass, operation: string, targets: string[] = [], subject: CommandSubject = 'engine') => ({
    class: cls,
    operation,
    targets,
    subject,
    globalFlags,
  });

  for (;;) {
    const options = compileOptions(group.options ?? '');
    const parsed = parseDockerOptions(rest, options, { interspersed: false });
    const root = group === dockerCommandTable;
    if (root) globalFlags = globalFlagsOf(parsed.options);
    // --help shows help (or an error) and runs nothing; -v does so only alone (`docker -v rm x` removes x).
    if (parsed.help) return result('read', root ? 'help' : `${path.join(' ')} --help`);
    if (parsed.ambiguous) return result('mutate', [...path, 'unknown'].join(' '));
    groupNotes.push(...notedOptions(parsed, options));

    const [word, ...after] = parsed.positionals;
    if (word === undefined) {
      const version = root && parsed.options.some((option) => option.name === 'version');
      return result('read', root ? (version ? 'version' : 'help') : `${path.join(' ')} --help`);
    }
    const entry = Object.hasOwn(group.commands, word) ? group.commands[word] : undefined;
    // Unknown: a plugin, a newer docker's command, a typo. Never `read`.
    if (entry === undefined) return result('mutate', [...path, commandWord.test(word) ? word : 'unknown'].join(' '));
    if (!isCommandGroup(entry)) return classifyCommand(entry, after, groupNotes, globalFlags);
    group = entry;
    path.push(word);
    rest = after;
  }
}

function classifyCommand(command: DockerCommand, args: string[], groupNotes: string[], globalFlags: DockerGlobalFlags): DockerCommandClassification {
  const options = compileOptions(command.options ?? '');
  const parsed = parseDockerOptions(args, options, { interspersed: command.interspersed !== false });
  const subject = command.subject ?? 'engine';
  if (parsed.help) return { class: 'read', operation: `${command.operation} --help`, targets: [], subject, globalFlags };
  const count = command.targets ?? 0;
  const targets = (count === 'all' ? parsed.positionals : parsed.positionals.slice(0, count)).map(redactCredentials);
  const given = (name: string) => parsed.options.some((option) => option.name === name && isTrue(option.value));
  const destroys = command.destroyWith?.some(given) || command.destroyIf?.(targets);
  return {
    class: destroys ? 'destroy' : command.class,
    operation: [command.operation, ...groupNotes, ...notedOptions(parsed, options)].join(' '),
    targets,
    subject,
    globalFlags,
  };
}

function globalFlagsOf(options: ParsedOption[]): DockerGlobalFlags {
  const flags: DockerGlobalFlags = {};
  for (const { name, value } of options) {
    switch (name) {
      case 'context':
        flags.context = value;
        break;
      case 'host':
        // docker refuses more than one -H; the first is the one it would name.
        flags.host ??= value;
        break;
      case 'config':
        flags.config = value;
        break;
      case 'tls':
        flags.tls = isTrue(value);
        break;
      case 'tlsverify':
        flags.tlsVerify = isTrue(value);
        break;
      case 'tlscacert':
        flags.tlsCaCert = value;
        break;
      case 'tlscert':
        flags.tlsCert = value;
        break;
      case 'tlskey':
        flags.tlsKey = value;
        break;
      case 'debug':
        flags.debug = isTrue(value);
        break;
      case 'log-level':
        flags.logLevel = value;
        break;
    }
  }
  return flags;
}
