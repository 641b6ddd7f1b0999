/**
 * The command lines the differential guard suites run through the real docker CLI: spellings of
 * "go to prod-eu" (global flags, `--`, booleans given values) × commands × environments. Shared by
 * guardOracle (which engine docker reaches, and with what class) and apiRoutesOracle (what the
 * Engine API route table makes of every request docker sends).
 */
import { corpusCommands } from '../support/dockerCommandCorpus';

/** The engines: three stored contexts and one address no context names. */
export const engineNames = ['laptop', 'prod-eu', 'staging-1', 'adhoc'] as const;
export type EngineName = (typeof engineNames)[number];

/** Spellings of "go to prod-eu" (and a few of "go elsewhere"), each `<adhoc>` / `<prod>` replaced by a socket URL. */
const prefixes: string[][] = [
  [],
  ['--context', 'prod-eu'],
  ['--context=prod-eu'],
  ['-c', 'prod-eu'],
  ['-cprod-eu'],
  ['-c=prod-eu'],
  ['-D', '-c', 'prod-eu'],
  ['--debug=false', '--context', 'prod-eu'],
  ['--help=false', '-c', 'prod-eu'],
  ['-h=false', '--context', 'prod-eu'],
  ['--', '-c', 'prod-eu'],
  ['--', '--debug', '--context', 'prod-eu'],
  ['--context', 'prod-eu', '--'],
  ['-l', 'error', '-c', 'prod-eu'],
  ['--log-level=error', '--tls=false', '-c', 'prod-eu'],
  ['-c', 'laptop', '-c', 'prod-eu'],
  ['-v=false', '-c', 'prod-eu'],
  ['-H', '<prod>'],
  ['--host=<prod>'],
  ['-H', '<adhoc>'],
  ['-c', 'staging-1'],
  ['--', '--', '-c', 'prod-eu'],
  ['--', '-H', '<adhoc>'],
];

/** The commands, shared with the gateway's suite. */
export const commands = corpusCommands;

export const environments: Record<string, NodeJS.ProcessEnv> = {
  none: {},
  'DOCKER_CONTEXT=prod-eu': { DOCKER_CONTEXT: 'prod-eu' },
  'DOCKER_HOST=<prod>': { DOCKER_HOST: '<prod>' },
  'DOCKER_HOST=<adhoc> DOCKER_CONTEXT=staging-1': { DOCKER_HOST: '<adhoc>', DOCKER_CONTEXT: 'staging-1' },
};

/** Every command with a few prefixes, every prefix with a few commands, every environment with both. */
export function corpus(): { args: string[]; environment: string }[] {
  const lines: { args: string[]; environment: string }[] = [];
  for (const command of commands)
    for (const prefix of [prefixes[0], prefixes[1], prefixes[10]]) lines.push({ args: [...prefix, ...command], environment: 'none' });
  const someCommands = [commands[0], commands[1], commands[8], commands[29], commands[33], commands[39]];
  for (const prefix of prefixes.slice(2)) for (const command of someCommands) lines.push({ args: [...prefix, ...command], environment: 'none' });
  for (const environment of Object.keys(environments).slice(1)) {
    for (const prefix of [prefixes[0], prefixes[17], prefixes[20], prefixes[22]])
      for (const command of someCommands) lines.push({ args: [...prefix, ...command], environment });
  }
  return lines;
}
