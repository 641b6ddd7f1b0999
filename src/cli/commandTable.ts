/** Every CLI subcommand, in the order `--help` lists them. Later features add their command here. */
import type { CliCommand } from './io';

export const commandTable: readonly CliCommand[] = [];
