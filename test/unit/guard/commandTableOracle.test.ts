/**
 * The command table's options against docker's own: for every command of the table that may change
 * something (a read is a read whatever its options) and that the
 * docker CLI here has (plugins such as Compose and Buildx are not installed on this machine, so
 * theirs are not checked), every option docker lists (`docker __complete PATH -`, cobra's own
 * completion) must be in the table, with its short letter, and take a value exactly when docker
 * says "flag needs an argument" for it given alone. An option missing from the table makes the
 * guard stop and weigh both readings; one that takes a value where the table says boolean could
 * turn a value into a target, and the other way round a target into a value.
 */
import * as assert from 'node:assert/strict';

import { mapWithConcurrency } from '../../../src/core/concurrency';
import { type DockerCommand, type DockerCommandGroup, dockerCommandTable, isCommandGroup } from '../../../src/core/guard/dockerCommandTable';
import { compileOptions, type OptionSpec } from '../../../src/core/guard/dockerOptions';
import { runProcess } from '../../support/runProcess';

/** No engine is ever reached: the probes end at flag parsing, or fail to connect to nothing (stdin is closed: `load` reads it). */
const env = { PATH: process.env.PATH, HOME: '/nonexistent', DOCKER_CONFIG: '/nonexistent', DOCKER_HOST: 'unix:///nonexistent/docker.sock' };

async function docker(args: string[]): Promise<string> {
  const { stdout, stderr } = await runProcess('docker', args, { env, timeoutMs: 10_000 });
  return `${stdout}${stderr}`;
}

/** Top-level groups whose commands live in plugins this machine does not have. */
const plugins = new Set(['compose', 'buildx']);
/** `builder` forwards to buildx when it is installed; without it, docker has only these. */
const builderWithoutBuildx = new Set(['build', 'prune']);

function leafCommands(group: DockerCommandGroup, path: string[] = []): { path: string[]; command: DockerCommand }[] {
  const seen = new Set<DockerCommand>();
  return Object.entries(group.commands).flatMap(([name, entry]) => {
    if (path.length === 0 && (plugins.has(name) || name.startsWith('__') || name === 'completion' || name === 'help')) return [];
    if (path[0] === 'builder' && path.length === 1 && !builderWithoutBuildx.has(name)) return [];
    if (isCommandGroup(entry)) return leafCommands(entry, [...path, name]);
    // One name per command: aliases share their options. A read is a read whatever its options.
    if (seen.has(entry) || (entry.class === 'read' && !entry.destroyWith)) return [];
    seen.add(entry);
    return [{ path: [...path, name], command: entry }];
  });
}

interface ListedOption {
  long: string;
  short?: string;
}

/** docker's options for a command, long ones with their short letters (completion lists the short one right after its long one). */
async function dockerOptions(path: string[]): Promise<ListedOption[]> {
  const lines = (await docker(['__complete', ...path, '-'])).split('\n').filter((line) => line.startsWith('-'));
  const options: ListedOption[] = [];
  let previous: { option: ListedOption; description: string } | undefined;
  for (const line of lines) {
    const [flag, description = ''] = line.split('\t');
    if (flag.startsWith('--')) {
      const option = { long: flag.slice(2) };
      options.push(option);
      previous = { option, description };
    } else if (previous && previous.description === description) {
      previous.option.short = flag.slice(1);
    }
  }
  return options.filter((option) => option.long !== 'help');
}

async function takesValue(path: string[], long: string): Promise<boolean> {
  return /flag needs an argument/.test(await docker([...path, `--${long}`]));
}

describe("docker command table against docker's own options", function () {
  this.timeout(120_000);

  it('has every option docker 28 lists, with its letter, taking a value exactly when docker does', async () => {
    const leaves = leafCommands(dockerCommandTable);
    assert.ok(leaves.length > 60, `${leaves.length} commands`);
    const problems = (
      await mapWithConcurrency(leaves, 4, async ({ path, command }) => {
        const ours = new Map<string, OptionSpec>(compileOptions(command.options ?? '').map((option) => [option.long, option]));
        const listed = await dockerOptions(path);
        if (listed.length === 0 && !/Usage/.test(await docker([...path, '--help']))) return [`docker ${path.join(' ')}: no such command in docker here`];
        const found: string[] = [];
        for (const option of listed) {
          const spec = ours.get(option.long);
          if (!spec) {
            found.push(`docker ${path.join(' ')} --${option.long}: missing from the table`);
            continue;
          }
          if (spec.short !== option.short)
            found.push(`docker ${path.join(' ')} --${option.long}: letter ${spec.short ?? 'none'} in the table, ${option.short ?? 'none'} in docker`);
          const value = await takesValue(path, option.long);
          if (spec.takesValue !== value) found.push(`docker ${path.join(' ')} --${option.long}: ${value ? 'takes a value' : 'is a boolean'} in docker`);
        }
        return found;
      })
    ).flat();
    assert.deepEqual(problems, [], problems.join('\n'));
  });

  it("the global flags are docker's", async () => {
    const ours = compileOptions(dockerCommandTable.options ?? '').filter((option) => option.long !== 'help');
    const listed = await dockerOptions([]);
    assert.deepEqual(ours.map((option) => [option.long, option.short]).sort(), listed.map((option) => [option.long, option.short]).sort());
  });
});
