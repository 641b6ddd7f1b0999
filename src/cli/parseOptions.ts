/** Option parsing shared by the commands: node:util's parseArgs, with its errors turned into usage errors (exit 2). */
import { parseArgs, type ParseArgsConfig } from 'node:util';

import type { CliIo } from './io';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function parseOptions<T extends ParseArgsConfig['options']>(args: string[], options: T, allowPositionals: boolean) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The docker command line of `exec -- …` and `classify -- …`: docker's global flags given to the plugin first. */
export function dockerCommandLine(args: string[], io: Pick<CliIo, 'dockerGlobalArgs'>): string[] {
  return [...(io.dockerGlobalArgs ?? []), ...(args[0] === '--' ? args.slice(1) : args)];
}
