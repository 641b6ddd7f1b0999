/**
 * Command-line options parsed the way the Docker CLI's flag library (spf13/pflag) parses them,
 * so the guard finds the subcommand, its targets and its options exactly where docker does. A
 * command's options are written as one compact string:
 *
 *   'f|force'      a boolean: -f, --force, --force=false; short ones cluster (-fv, -f=0)
 *   'signal='      takes a value: --signal KILL, --signal=KILL; a short one also -sKILL, -s=KILL
 *   'v|volumes!'   noted: kept in the normalized operation because it widens what goes
 *
 * Every command also has cobra's `--help` (`-h`, unless the command has a `-h` of its own): a
 * boolean like any other, so `--help=false` is no help at all and the last value given wins.
 *
 * An option the spec does not know is where docker's reading and ours may part (a newer docker
 * may know it, as a boolean or as taking a value): parsing stops there and hands back both
 * readings of the line, for the caller to weigh each (see classifyDockerArgs.ts).
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
  /** The last value given to --help / -h; undefined when neither was given. */
  help?: boolean;
  /** `--` ended the options (what followed it is in `positionals`). */
  endedByDashDash: boolean;
  /** Why docker refuses this line (a boolean given a word that is not one, a value missing). */
  error?: string;
  /**
   * Parsing stopped at an option the spec does not know: `args` read as if that option were a
   * boolean, and as if it took a value (each without the unknown option, so a reading is final).
   */
  unknown?: { option: string; readings: string[][] };
}

const helpOption: OptionSpec = { long: 'help', short: 'h', takesValue: false, noted: false };

export function compileOptions(spec: string): OptionSpec[] {
  const options = spec
    .split(/\s+/)
    .filter((word) => word !== '')
    .map((word) => {
      const match = /^(?:([a-zA-Z0-9])\|)?([a-zA-Z0-9-]+)(=?)(!?)$/.exec(word);
      if (!match) throw new Error(`bad option spec "${word}"`);
      return { short: match[1], long: match[2], takesValue: match[3] === '=', noted: match[4] === '!' };
    });
  const help = options.some((option) => option.short === 'h') ? { ...helpOption, short: undefined } : helpOption;
  return [...options, help];
}

/** strconv.ParseBool, which pflag uses for every boolean given a value. */
const boolWords = new Map([
  ...['1', 't', 'T', 'TRUE', 'true', 'True'].map((word) => [word, true] as const),
  ...['0', 'f', 'F', 'FALSE', 'false', 'False'].map((word) => [word, false] as const),
]);

/** A boolean option's value as docker reads it (the parser only ever stores valid ones). */
export function isTrue(value: string): boolean {
  return boolWords.get(value) === true;
}

/** `args` without the words at `index` (and `count - 1` after it), and with `word` put there instead when given. */
function splice(args: readonly string[], index: number, count: number, word?: string): string[] {
  return [...args.slice(0, index), ...(word !== undefined && word !== '-' ? [word] : []), ...args.slice(index + count)];
}

/**
 * Parses `args` against `options`. `interspersed: false` is pflag's SetInterspersed(false): the
 * first positional word ends the options (docker itself, `run`, `exec`: what follows belongs to
 * the subcommand or to the container's command).
 */
export function parseDockerOptions(args: readonly string[], options: readonly OptionSpec[], { interspersed }: { interspersed: boolean }): ParsedArgs {
  const result: ParsedArgs = { options: [], positionals: [], endedByDashDash: false };
  const byLong = new Map(options.map((option) => [option.long, option]));
  const byShort = new Map(options.filter((option) => option.short).map((option) => [option.short!, option]));
  const set = (option: OptionSpec, value: string): boolean => {
    if (!option.takesValue) {
      const parsed = boolWords.get(value);
      if (parsed === undefined) {
        result.error = `invalid argument "${value}" for "--${option.long}" flag`;
        return false;
      }
      value = String(parsed);
      if (option === byLong.get('help')) result.help = parsed;
    }
    result.options.push({ name: option.long, value });
    return true;
  };
  const missing = (word: string) => {
    result.error = `flag needs an argument: ${word}`;
  };

  for (let index = 0; index < args.length;) {
    const at = index;
    const arg = args[index++];
    if (arg === '--') {
      result.endedByDashDash = true;
      result.positionals.push(...args.slice(index));
      return result;
    }
    if (arg.startsWith('--')) {
      const body = arg.slice(2);
      if (body.startsWith('-') || body.startsWith('=')) {
        result.error = `bad flag syntax: ${arg}`;
        return result;
      }
      const equals = body.indexOf('=');
      const name = equals < 0 ? body : body.slice(0, equals);
      const inline = equals < 0 ? undefined : body.slice(equals + 1);
      const option = byLong.get(name);
      if (!option) {
        const readings = [splice(args, at, 1)];
        if (inline === undefined && index < args.length) readings.push(splice(args, at, 2));
        result.unknown = { option: `--${name}`, readings };
        return result;
      }
      const value = inline ?? (option.takesValue ? args[index++] : 'true');
      if (value === undefined) {
        missing(arg);
        return result;
      }
      if (!set(option, value)) return result;
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let letterAt = 1; letterAt < arg.length; letterAt++) {
        const letter = arg[letterAt];
        const option = byShort.get(letter);
        const after = arg.slice(letterAt + 1);
        if (!option) {
          const prefix = arg.slice(0, letterAt);
          // As a boolean: the letters after it are options still; as taking a value, they are its value.
          const readings = [splice(args, at, 1, prefix + after), splice(args, at, 1, prefix)];
          if (after === '' && index < args.length) readings[1] = splice(args, at, 2, prefix);
          result.unknown = { option: `-${letter}`, readings };
          return result;
        }
        const inline = after.length > 1 && after[0] === '=';
        let value: string | undefined;
        if (inline) value = after.slice(1);
        else if (!option.takesValue) value = 'true';
        else if (after !== '') value = after;
        else value = args[index++];
        if (value === undefined) {
          missing(`-${letter}`);
          return result;
        }
        if (!set(option, value)) return result;
        if (inline || option.takesValue) break;
      }
      continue;
    }
    if (!interspersed) {
      result.positionals.push(arg, ...args.slice(index));
      return result;
    }
    result.positionals.push(arg);
  }
  return result;
}

/**
 * cobra's Command.Traverse at one level of the command tree: the option words before the first
 * word that is not one (the subcommand's name), told apart without knowing every option — a
 * long option without `=` takes the next word unless it is a known boolean, a two-letter short
 * one likewise; `--` counts as an option that takes the next word. Returns that leading run and
 * the rest (cobra then parses the run with pflag, where a `--` in it ends the parse).
 */
export function leadingOptionWords(args: readonly string[], options: readonly OptionSpec[]): { optionWords: string[]; rest: string[] } {
  const isBoolean = (option: OptionSpec | undefined) => option !== undefined && !option.takesValue;
  const byLong = new Map(options.map((option) => [option.long, option]));
  const byShort = new Map(options.filter((option) => option.short).map((option) => [option.short!, option]));
  let valueNext = false;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg.startsWith('--') && !arg.includes('=')) valueNext = !isBoolean(byLong.get(arg.slice(2)));
    else if (arg.startsWith('-') && !arg.includes('=') && arg.length === 2 && !isBoolean(byShort.get(arg[1]))) valueNext = true;
    else if (valueNext) valueNext = false;
    else if (!((arg.length >= 3 && arg[1] === '-') || (arg.length >= 2 && arg[0] === '-' && arg[1] !== '-'))) {
      return { optionWords: args.slice(0, index), rest: args.slice(index) };
    }
  }
  return { optionWords: [...args], rest: [] };
}

/** The last value given to the option named `long` (undefined when it was not given). */
export function lastValue(parsed: ParsedArgs, long: string): string | undefined {
  return parsed.options.filter((option) => option.name === long).pop()?.value;
}

/** The options `spec` marks as noted that were given (and not set to false), in the spec's order: `--volumes`, `--rmi=all`. */
export function notedOptions(parsed: ParsedArgs, options: readonly OptionSpec[]): string[] {
  return options
    .filter((option) => option.noted)
    .flatMap((option) => {
      const given = lastValue(parsed, option.long);
      if (given === undefined || (!option.takesValue && !isTrue(given))) return [];
      return [option.takesValue ? `--${option.long}=${given}` : `--${option.long}`];
    });
}
