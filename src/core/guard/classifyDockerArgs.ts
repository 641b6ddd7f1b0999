/**
 * From a docker command line (everything after `docker`) to what the guard weighs: the class,
 * the normalized operation, the targets, and the global flags that pick the engine. It walks
 * dockerCommandTable.ts the way docker walks its command tree (cli/cobra.go and cobra):
 *
 *  1. docker's global flags, parsed by pflag up to the first word that is not one, or up to `--`:
 *     these, and only these, pick the context (cli/cobra.go HandleGlobalFlags, then Initialize);
 *  2. then, level by level, cobra's Traverse: the option words in front of the next subcommand.
 *     After a leading `--` that parses global flags a second time, too late to pick a context
 *     (`docker -- -c prod rm x` removes x on the current context), but a `-H` there is still the
 *     address of the default context, which docker builds only when it dials;
 *  3. at the command itself, its own options, with `--help` shared by every level (the last value
 *     given wins: `rm --help=false -f x` removes x).
 *
 * Where an option is unknown to the table (a newer docker's, a hidden one), each reading of the
 * line — as if it were a boolean, as if it took a value — is weighed, and the strongest class
 * wins: an option we do not know never makes a command look safer than it is.
 */
import { redactCredentials } from '../audit/redact';
import { type CommandSubject, type DockerCommand, type DockerCommandGroup, dockerCommandTable, type GivenOptions, isCommandGroup } from './dockerCommandTable';
import { compileOptions, isTrue, lastValue, leadingOptionWords, notedOptions, type ParsedArgs, parseDockerOptions, type ParsedOption } from './dockerOptions';
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
  /** A -H given after a leading `--`: the default context's address, if the default context is the one picked. */
  lateHost?: string;
}

export interface DockerCommandClassification {
  class: OperationClass;
  /** Normalized (`container rm`), with the options that widen what goes: `system prune --all --volumes`. */
  operation: string;
  /** The command's positional targets (container names…), credentials in URLs redacted. */
  targets: string[];
  subject: CommandSubject;
  globalFlags: DockerGlobalFlags;
  /** How a container this command makes is handed the host (`--privileged`, `bind of /`…); empty for most. */
  hostAccess: string[];
}

/** A word typed where a subcommand was expected, as it may be shown and logged (a plugin's name). */
const commandWord = /^[a-z0-9][a-z0-9._-]{0,63}$/i;

const classRank: Record<OperationClass, number> = { read: 0, mutate: 1, destroy: 2 };

/** Readings weighed for one line at most; past that the line counts as destroying (no real line comes near). */
const maxReadings = 64;

interface Walk {
  path: string[];
  notes: string[];
  /** The last value given to --help so far. */
  help?: boolean;
  /** docker's global flags before its command (or before a leading `--`), in order. */
  globalOptions: ParsedOption[];
  /** docker's global flags after a leading `--`. */
  lateGlobalOptions: ParsedOption[];
  /** Readings still allowed (shared by every branch of one line). */
  budget: { left: number };
}

/** docker's own global options (before its command). */
export const rootOptions = compileOptions(dockerCommandTable.options ?? '');

export function classifyDockerArgs(args: readonly string[]): DockerCommandClassification {
  return walkRoot(args, { left: maxReadings });
}

function walkRoot(args: readonly string[], budget: Walk['budget']): DockerCommandClassification {
  const parsed = parseDockerOptions(args, rootOptions, { interspersed: false });
  const walk: Walk = { path: [], notes: [], help: parsed.help, globalOptions: parsed.options, lateGlobalOptions: [], budget };
  if (parsed.unknown)
    return strongest(
      walk,
      parsed.unknown.readings.map((reading) => () => walkRoot(reading, budget)),
    );
  if (parsed.error) return refused(walk);
  return walkGroup(dockerCommandTable, parsed.positionals, walk);
}

function walkGroup(group: DockerCommandGroup, args: readonly string[], walk: Walk): DockerCommandClassification {
  const options = group === dockerCommandTable ? rootOptions : compileOptions(group.options ?? '');
  const { optionWords, rest } = leadingOptionWords(args, options);
  const parsed = parseDockerOptions(optionWords, options, { interspersed: true });
  if (parsed.unknown) {
    return strongest(
      walk,
      parsed.unknown.readings.map((reading) => () => walkGroup(group, [...reading, ...rest], walk)),
    );
  }
  const root = group === dockerCommandTable;
  const here: Walk = {
    ...walk,
    help: parsed.help ?? walk.help,
    lateGlobalOptions: root ? parsed.options : walk.lateGlobalOptions,
    notes: [...walk.notes, ...notedOptions(parsed, options)],
  };
  if (parsed.error) return refused(here);

  const [word, ...after] = rest;
  if (word === undefined) {
    // The group itself runs: it prints help (docker alone prints its version with -v).
    const version = root && [...here.globalOptions, ...here.lateGlobalOptions].some((option) => option.name === 'version' && isTrue(option.value));
    return result(here, 'read', root ? (version ? 'version' : 'help') : `${here.path.join(' ')} --help`);
  }
  const entry = Object.hasOwn(group.commands, word) ? group.commands[word] : undefined;
  // Unknown: a plugin, a newer docker's command, a typo. Never `read`.
  if (entry === undefined) return result(here, 'mutate', [...here.path, commandWord.test(word) ? word : 'unknown'].join(' '));
  if (isCommandGroup(entry)) return walkGroup(entry, after, { ...here, path: [...here.path, word] });
  return classifyCommand(entry, after, here);
}

function classifyCommand(command: DockerCommand, args: readonly string[], walk: Walk): DockerCommandClassification {
  const options = compileOptions(command.options ?? '');
  const parsed = parseDockerOptions(args, options, { interspersed: command.interspersed !== false });
  if (parsed.unknown)
    return strongest(
      walk,
      parsed.unknown.readings.map((reading) => () => classifyCommand(command, reading, walk)),
    );
  const subject = command.subject ?? 'engine';
  // A line docker refuses (a bad value) runs nothing, but is weighed as written: never lower.
  if (!parsed.error && (parsed.help ?? walk.help)) return result(walk, 'read', `${command.operation} --help`, [], subject);
  const count = command.targets ?? 0;
  const targets = (count === 'all' ? parsed.positionals : parsed.positionals.slice(0, count)).map(redactCredentials);
  const given = givenOptions(parsed, targets);
  const destroys = command.destroyWith?.some(given.flag) || command.destroyIf?.(given);
  return {
    ...result(walk, destroys ? 'destroy' : command.class, [command.operation, ...walk.notes, ...notedOptions(parsed, options)].join(' '), targets, subject),
    hostAccess: command.hostAccess?.(given) ?? [],
  };
}

function givenOptions(parsed: ParsedArgs, targets: string[]): GivenOptions {
  return {
    targets,
    flag: (long) => {
      const value = lastValue(parsed, long);
      return value !== undefined && isTrue(value);
    },
    values: (long) => parsed.options.filter((option) => option.name === long).map((option) => option.value),
  };
}

function result(walk: Walk, cls: OperationClass, operation: string, targets: string[] = [], subject: CommandSubject = 'engine'): DockerCommandClassification {
  const globalFlags = globalFlagsOf(walk.globalOptions);
  const lateHost = globalFlagsOf(walk.lateGlobalOptions).host;
  if (lateHost !== undefined) globalFlags.lateHost = lateHost;
  return { class: cls, operation, targets, subject, globalFlags, hostAccess: [] };
}

/** A line docker refuses before it finds its command: nothing runs, but it is never called a read. */
function refused(walk: Walk): DockerCommandClassification {
  return result(walk, 'mutate', [...walk.path, 'unknown'].join(' '));
}

/**
 * The strongest of the readings of an ambiguous line: the highest class, then one that hands the
 * container the host; among equals the last, where the unknown option takes a value (so a word
 * that may be its value, a password say, is not shown or logged as a target).
 */
function strongest(walk: Walk, readings: (() => DockerCommandClassification)[]): DockerCommandClassification {
  walk.budget.left -= readings.length;
  if (walk.budget.left < 0) return result(walk, 'destroy', [...walk.path, 'unknown'].join(' '));
  const weight = (reading: DockerCommandClassification) => classRank[reading.class] * 2 + (reading.hostAccess.length > 0 ? 1 : 0);
  return readings.map((reading) => reading()).reduce((best, candidate) => (weight(candidate) >= weight(best) ? candidate : best));
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
