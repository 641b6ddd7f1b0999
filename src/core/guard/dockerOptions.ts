/**
 * Command-line options parsed the way the Docker CLI's flag library (spf13/pflag) parses them,
 * so the guard finds the subcommand and its targets exactly where docker does. A command's
 * options are written as one compact string:
 *
 *   'f|force'      a boolean: -f, --force, --force=false; short ones cluster (-fv)
 *   'signal='      takes a value: --signal KILL, --signal=KILL; a short one also -sKILL, -s=KILL
 *   'v|volumes!'   noted: kept in the normalized operation because it widens what goes
 *
 * An option the spec does not know makes the rest of the line ambiguous (it may or may not take
 * the next word as its value): parsing stops there rather than take a value for a target.
 */

export interface OptionSpec {
  long: string;
  short?: string;
  takesValue: boolean;
  noted: boolean;
}

export interface ParsedOption {
  /** The long name (or the short one, for an option that has no long name). */
  name: string;
  /** The value, or 'true' / 'false' for a boolean. */
  value: string;
}

export interface ParsedArgs {
  options: ParsedOption[];
  /** Positional words; with `interspersed: false`, the first one and every word after it. */
  positionals: string[];
  /** `--help` (or `-h`, where the command has no `-h` of its own) was among the options. */
  help: boolean;
  /** Parsing stopped at an option the spec does not know (see the header). */
  ambiguous: boolean;
}

export function compileOptions(spec: string): OptionSpec[] {
  return spec
    .split(/\s+/)
    .filter((word) => word !== '')
    .map((word) => {
      const match = /^(?:([a-zA-Z0-9])\|)?([a-zA-Z0-9-]+)(=?)(!?)$/.exec(word);
      if (!match) throw new Error(`bad option spec "${word}"`);
      return { short: match[1], long: match[2], takesValue: match[3] === '=', noted: match[4] === '!' };
    });
}

/** pflag's spellings of false for a boolean given as --flag=VALUE. */
const falseWords = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);

export function isTrue(value: string): boolean {
  return !falseWords.has(value);
}

/**
 * Parses `args` against `options`. `interspersed: false` is cobra's SetInterspersed(false): the
 * first positional word ends the options (docker itself, `run`, `exec`: what follows belongs to
 * the subcommand or to the container's command).
 */
export function parseDockerOptions(args: readonly string[], options: readonly OptionSpec[], { interspersed }: { interspersed: boolean }): ParsedArgs {
  const result: ParsedArgs = { options: [], positionals: [], help: false, ambiguous: false };
  const byLong = new Map(options.map((option) => [option.long, option]));
  const byShort = new Map(options.filter((option) => option.short).map((option) => [option.short!, option]));
  let index = 0;
  const stop = () => {
    result.ambiguous = true;
    index = args.length;
  };
  while (index < args.length) {
    const arg = args[index++];
    if (arg === '--') {
      result.positionals.push(...args.slice(index));
      break;
    }
    if (arg.startsWith('--')) {
      const equals = arg.indexOf('=');
      const name = arg.slice(2, equals < 0 ? undefined : equals);
      const inline = equals < 0 ? undefined : arg.slice(equals + 1);
      const option = byLong.get(name);
      if (!option) {
        if (name === 'help') result.help = true;
        // --unknown=value cannot swallow the next word; a bare --unknown might.
        else if (inline === undefined) stop();
        continue;
      }
      if (!option.takesValue) result.options.push({ name: option.long, value: inline ?? 'true' });
      else if (inline !== undefined) result.options.push({ name: option.long, value: inline });
      else if (index < args.length) result.options.push({ name: option.long, value: args[index++] });
      else stop();
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let at = 1; at < arg.length; at++) {
        const letter = arg[at];
        const option = byShort.get(letter);
        if (!option) {
          if (letter === 'h') result.help = true;
          else stop();
          break;
        }
        if (!option.takesValue) {
          const inline = arg[at + 1] === '=' ? arg.slice(at + 2) : undefined;
          result.options.push({ name: option.long, value: inline ?? 'true' });
          if (inline !== undefined) break;
          continue;
        }
        const attached = arg.slice(at + 1).replace(/^=/, '');
        if (attached !== '') result.options.push({ name: option.long, value: attached });
        else if (index < args.length) result.options.push({ name: option.long, value: args[index++] });
        else stop();
        break;
      }
      continue;
    }
    if (!interspersed) {
      result.positionals.push(arg, ...args.slice(index));
      break;
    }
    result.positionals.push(arg);
  }
  return result;
}

/** The options `spec` marks as noted that were given (and not set to false), in the spec's order: `--volumes`, `--rmi=all`. */
export function notedOptions(parsed: ParsedArgs, options: readonly OptionSpec[]): string[] {
  return options
    .filter((option) => option.noted)
    .flatMap((option) => {
      const given = parsed.options.filter((candidate) => candidate.name === option.long).pop();
      if (!given || (!option.takesValue && !isTrue(given.value))) return [];
      return [option.takesValue ? `--${option.long}=${given.value}` : `--${option.long}`];
    });
}
