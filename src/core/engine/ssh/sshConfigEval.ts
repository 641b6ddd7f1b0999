/**
 * One evaluation of ~/.ssh/config (and the system config) for one host, with OpenSSH 9.2's
 * rules: `Host` patterns match the host as written, case and all; the first value obtained for a
 * keyword wins; IdentityFile accumulates (a value written twice counts once); `Include` is read
 * in place, also inside a block that does not match (its lines then never apply), a missing file
 * is passed over and an unreadable one is refused; ProxyJump and ProxyCommand compete (whichever
 * comes first wins, `ProxyJump none` excepted). Lines ssh would refuse (`Port notanumber`, a
 * missing or extra argument, open quotes) are refused with ssh's words, wherever they are.
 *
 * `Match` is evaluated only for criteria that need no side effect (`all`, `host`, `originalhost`,
 * `user`, `localuser`, and `final` and `canonical` on the second pass ssh makes for them); a block
 * with `exec` or anything else is skipped, so reading a config never runs a command. Host names
 * are not canonicalised through DNS (CanonicalDomains): the name stays as written.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

import { globToRegExp } from '../../contexts/globPattern';
import { parseSshConfig, type SshConfigDirective } from './sshConfigSyntax';
import { SshConfigError } from './sshErrors';
import { matchesPatternList } from './sshPatterns';
import { expandPath, expandPercent, type TokenValues } from './sshTokens';

export interface ConfigSubject {
  /** The host as given (`Host` patterns, %n); on ssh's second pass, the host name it has by then. */
  alias: string;
  /** The host as given, when `alias` is not it any more (second pass): `Match originalhost`. */
  originalAlias?: string;
  /** `-l` (the URL's or the ProxyJump spec's user): beats the config, and `Match user` sees it. */
  user?: string;
  home: string;
  env: NodeJS.ProcessEnv;
  localUser: string;
}

export interface ConfigValues {
  /** First value of each keyword (lower-cased keys), all its arguments. */
  values: Map<string, string[]>;
  /** IdentityFile values as written, in order, duplicates dropped. */
  identityFiles: string[];
  /** ProxyCommand as written (a shell command line). */
  proxyCommand?: string;
  /** ProxyJump as written; `none` is kept (it stops later ProxyJump lines). */
  proxyJump?: string;
}

export interface ConfigFile {
  /** For messages, and the folder relative Include names are taken from. */
  path: string;
  /** Folder relative Include names are taken from (~/.ssh for the user config, /etc/ssh for the system one). */
  includeDir: string;
  text: string;
}

const maxIncludeDepth = 16;
/** Keywords read here that take exactly one argument: ssh refuses them with none or more. */
const singleArgument = new Set([
  'hostname',
  'user',
  'port',
  'hostkeyalias',
  'identitiesonly',
  'stricthostkeychecking',
  'hashknownhosts',
  'identityagent',
  'identityfile',
  'canonicalizehostname',
  'serveraliveinterval',
  'serveralivecountmax',
]);

interface Pass {
  subject: ConfigSubject;
  result: ConfigValues;
  final: boolean;
  wantFinal: boolean;
  /** CanonicalizeHostname is on: `Match canonical` holds on the second pass. */
  canonical: boolean;
}

/** Evaluates the files in order (user config, then system config), twice when a `Match final` asks for it. */
export function evaluateConfig(files: readonly ConfigFile[], subject: ConfigSubject): ConfigValues {
  const result: ConfigValues = { values: new Map(), identityFiles: [] };
  const pass: Pass = { subject, result, final: false, wantFinal: false, canonical: false };
  for (const file of files) evaluateFile(file, pass, 0, false);
  // ssh reads the config again for `Match final`, and after canonicalisation (where `Match canonical` holds).
  pass.canonical = ['yes', 'always', 'true'].includes(result.values.get('canonicalizehostname')?.[0]?.toLowerCase() ?? '');
  if (pass.wantFinal || pass.canonical) {
    // ssh sets HostName to the name it has by then (HostName or the host, lower-cased) and matches `Host` against it.
    const hostname = currentHostname(result, subject);
    result.values.set('hostname', [hostname.replace(/%/g, '%%')]);
    Object.assign(pass, { final: true, subject: { ...subject, alias: hostname, originalAlias: subject.alias } });
    for (const file of files) evaluateFile(file, pass, 0, false);
  }
  return result;
}

function evaluateFile(file: ConfigFile, pass: Pass, depth: number, neverMatch: boolean): void {
  let active = !neverMatch;
  for (const directive of parseSshConfig(file.text)) {
    const where = `${file.path} line ${directive.line}`;
    if (directive.invalidQuotes) throw new SshConfigError(`${where}: invalid quotes`);
    const { keyword, args } = directive;
    switch (keyword) {
      case 'host':
        active = !neverMatch && matchesPatternList(pass.subject.alias, args, { caseSensitive: true });
        continue;
      case 'match':
        active = !neverMatch && matchBlock(args, pass, where);
        continue;
      case 'include':
        if (args.length === 0) throw new SshConfigError(`${where}: Missing argument.`);
        if (depth >= maxIncludeDepth) throw new SshConfigError(`${where}: Include nesting too deep (more than ${maxIncludeDepth} levels)`);
        for (const included of includeFiles(args, file, pass.subject)) {
          const text = readConfigFile(included, where);
          // ssh reads an Include in a block that does not match too, but nothing in it applies.
          if (text !== undefined) evaluateFile({ path: included, includeDir: file.includeDir, text }, pass, depth + 1, !active);
        }
        continue;
    }
    validate(directive, where);
    if (active) apply(directive, pass.result);
  }
}

function validate({ keyword, args }: SshConfigDirective, where: string): void {
  if (!singleArgument.has(keyword) && !['proxyjump', 'proxycommand', 'userknownhostsfile', 'globalknownhostsfile'].includes(keyword)) return;
  if (args.length === 0 || args[0] === '') throw new SshConfigError(`${where}: Missing argument.`);
  if (singleArgument.has(keyword) && args.length > 1) throw new SshConfigError(`${where}: keyword ${keyword} extra arguments at end of line`);
  if (keyword === 'port' && validPort(args[0]) === undefined) throw new SshConfigError(`${where}: Bad port '${args[0]}'.`);
  if (keyword === 'serveraliveinterval' && timeSeconds(args[0]) === undefined) throw new SshConfigError(`${where}: invalid time value.`);
  if (keyword === 'serveralivecountmax' && !/^\d+$/.test(args[0])) throw new SshConfigError(`${where}: integer value invalid.`);
}

/** ssh's convtime: `90`, `1m30s`, `2h` (s, m, h, d, w) in seconds; undefined if not one. */
export function timeSeconds(text: string): number | undefined {
  if (text === '' || !/^(?:\d+[smhdw])*\d*$/i.test(text)) return undefined;
  const units: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
  let total = 0;
  for (const [, digits, unit] of text.matchAll(/(\d+)([sSmMhHdDwW]?)/g)) total += Number(digits) * units[unit.toLowerCase()];
  return total;
}

/** ssh's a2port for numbers: a decimal 1-65535 (service names from /etc/services are not looked up). */
export function validPort(text: string): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : undefined;
}

function apply({ keyword, args, raw }: SshConfigDirective, result: ConfigValues): void {
  switch (keyword) {
    case 'identityfile':
      if (!result.identityFiles.includes(args[0])) result.identityFiles.push(args[0]);
      return;
    case 'proxyjump':
      if (result.proxyJump === undefined && result.proxyCommand === undefined) result.proxyJump = raw.replace(/\s*#.*$/, '');
      return;
    case 'proxycommand':
      // `ProxyJump none` does not stop a later ProxyCommand; a real jump host does.
      if (result.proxyCommand === undefined && (result.proxyJump === undefined || result.proxyJump.toLowerCase() === 'none')) result.proxyCommand = raw;
      return;
  }
  if (args.length > 0 && !result.values.has(keyword)) result.values.set(keyword, args);
}

function matchBlock(args: string[], pass: Pass, where: string): boolean {
  const { subject, result } = pass;
  let matched = true;
  for (let i = 0; i < args.length; i++) {
    let criterion = args[i].toLowerCase();
    const negate = criterion.startsWith('!');
    if (negate) criterion = criterion.slice(1);
    let hit: boolean;
    if (criterion === 'all') {
      hit = true;
    } else if (criterion === 'final') {
      pass.wantFinal = true;
      hit = pass.final;
    } else if (criterion === 'canonical') {
      hit = pass.final && pass.canonical;
    } else if (['host', 'originalhost', 'user', 'localuser'].includes(criterion)) {
      if (i + 1 >= args.length) throw new SshConfigError(`${where}: Missing Match criteria for ${criterion}`);
      const patterns = args[++i].split(',');
      const subjects: Record<string, string> = {
        host: currentHostname(result, subject),
        originalhost: (subject.originalAlias ?? subject.alias).toLowerCase(),
        user: subject.user ?? result.values.get('user')?.[0] ?? subject.localUser,
        localuser: subject.localUser,
      };
      hit = matchesPatternList(subjects[criterion], patterns);
    } else {
      return false; // exec, canonical, tagged, localnetwork…: never run, never matched
    }
    if (hit === negate) matched = false;
  }
  return matched;
}

/** The host name as far as the config has set it (HostName with %h, else the host), lower-cased as ssh has it. */
function currentHostname(result: ConfigValues, subject: ConfigSubject): string {
  const hostname = result.values.get('hostname')?.[0];
  return (
    hostname ? expandPercent(hostname, { home: subject.home, env: {}, localUser: subject.localUser, hostname: subject.alias }, 'h') : subject.alias
  ).toLowerCase();
}

/** Include arguments: relative to the config's folder (~/.ssh, /etc/ssh), with `*`/`?` globs. */
function includeFiles(args: string[], file: ConfigFile, subject: ConfigSubject): string[] {
  const tokens: TokenValues = { home: subject.home, env: subject.env, localUser: subject.localUser, alias: subject.alias };
  return args.flatMap((arg) => {
    const expanded = expandPath(arg, tokens);
    return expandGlob(path.isAbsolute(expanded) ? expanded : path.join(file.includeDir, expanded));
  });
}

function expandGlob(file: string): string[] {
  if (!/[*?]/.test(file)) return [file];
  const root = path.parse(file).root;
  let matches = [root];
  for (const segment of file
    .slice(root.length)
    .split(/[\\/]+/)
    .filter(Boolean)) {
    if (!/[*?]/.test(segment)) {
      matches = matches.map((dir) => path.join(dir, segment));
      continue;
    }
    const pattern = globToRegExp(segment);
    matches = matches.flatMap((dir) => {
      try {
        return readdirSync(dir)
          .filter((name) => !name.startsWith('.') && pattern.test(name))
          .sort()
          .map((name) => path.join(dir, name));
      } catch {
        return [];
      }
    });
  }
  return matches;
}

/**
 * A config file's text; undefined when it does not exist or is a folder (ssh passes those over).
 * A file that exists but cannot be read is refused, as ssh refuses it.
 */
export function readConfigFile(file: string, where?: string): string | undefined {
  try {
    if (!statSync(file).isFile()) return undefined;
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    const why = code === 'EACCES' || code === 'EPERM' ? 'Permission denied' : (error as Error).message;
    throw new SshConfigError(`${where ? `${where}: ` : ''}Can't open user config file ${file}: ${why}`);
  }
}
