/** What a CLI command may touch: its output streams and environment, passed in so tests can run commands in process. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
  /** Run as a Docker CLI plugin: docker's global flags, given before the plugin's name (`docker --context X guard ls`). */
  dockerGlobalArgs?: readonly string[];
}

/** A subcommand: one file per command under src/cli/commands/, listed in src/cli/commandTable.ts. */
export interface CliCommand {
  name: string;
  /** One line for `--help`. */
  summary: string;
  /** Arguments after the command name, e.g. `[NAME] [--json]`. */
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Exit codes shared by every command: 0 success, 1 the operation failed, 2 the command line was wrong. */
export const ExitCode = { ok: 0, failed: 1, usage: 2 } as const;
