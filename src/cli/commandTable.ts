/** Every CLI subcommand, in the order `--help` lists them. Each lives in its own file under commands/. */
import { authzCommand } from './commands/authz';
import { certsCommand } from './commands/certs';
import { classifyCommand } from './commands/classify';
import { contextCommand } from './commands/context';
import { elevateCommand } from './commands/elevate';
import { execCommand } from './commands/exec';
import { inspectCommand } from './commands/inspect';
import { lsCommand } from './commands/ls';
import { pingCommand } from './commands/ping';
import { sshConfigCommand } from './commands/sshConfig';
import { useCommand } from './commands/use';
import type { CliCommand } from './io';

export const commandTable: readonly CliCommand[] = [
  lsCommand,
  useCommand,
  inspectCommand,
  pingCommand,
  sshConfigCommand,
  certsCommand,
  authzCommand,
  contextCommand,
  execCommand,
  elevateCommand,
  classifyCommand,
];
