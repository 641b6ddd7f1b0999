/**
 * The `docker` launcher's fast path, differentially: a corpus of command lines (docker's global
 * flags in every spelling and some odd ones, alone and in pairs, before every command of the
 * table and some unknown words) is run through the real launcher, with `true` standing in for
 * docker and `false` for the guard's Node, so the exit status says which one it chose. Whenever
 * it chose docker directly, the guard's own classifier must say `read`. The flags it skips must
 * be docker's global flags by the real docker's account, too.
 */
import * as assert from 'node:assert/strict';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

import { classifyDockerArgs } from '../../../src/core/guard/classifyDockerArgs';
import { type DockerCommandGroup, dockerCommandTable, isCommandGroup } from '../../../src/core/guard/dockerCommandTable';
import { repoRoot } from '../../support/repoPaths';
import { runProcess } from '../../support/runProcess';
import { findCommand } from '../../support/systemDeps';
import { useTempDirs } from '../../support/tempDir';

const launcher = path.join(repoRoot, 'media', 'shim', 'docker');

/** docker's global flags that take a value, long and short. */
const valueFlags = ['context', 'host', 'config', 'log-level', 'tlscacert', 'tlscert', 'tlskey'];
const valueShorts = ['c', 'H', 'l'];

/**
 * Global flags in each spelling pflag accepts. Their values are command words, so that a flag
 * taken for a boolean (or the reverse) shows as the wrong command; and some look like flags.
 */
const globalFlagForms: string[][] = [
  ...['ps', 'rm'].flatMap((value) => [
    ...valueFlags.flatMap((flag) => [[`--${flag}`, value], [`--${flag}=${value}`]]),
    ...valueShorts.flatMap((flag) => [[`-${flag}`, value], [`-${flag}${value}`], [`-${flag}=${value}`], [`-D${flag}`, value], [`-DD${flag}${value}`]]),
  ]),
  ['-cD'],
  ['--context', '-D'],
  ['--context', '--'],
  ['-Hl'],
  ['-H', 'unix:///tmp/x.sock'],
  ['--host=tcp://127.0.0.1:2375'],
  ['-l', 'debug'],
  ['-D'],
  ['-DD'],
  ['-D=false'],
  ['-D=1'],
  ['-DD=F'],
  ...['debug', 'tls', 'tlsverify'].flatMap((flag) => [[`--${flag}`], [`--${flag}=false`], [`--${flag}=True`], [`--${flag}=0`], [`--${flag}=t`]]),
];

/** What the launcher must hand to the guard: flags it does not know, or cannot read with certainty. */
const oddForms: string[][] = [
  ['--'],
  ['-v'],
  ['--version'],
  ['-h'],
  ['--help=false'],
  ['--help=true'],
  ['--debug=maybe'],
  ['--debug='],
  ['-D='],
  ['-D=yes'],
  ['-='],
  ['-=true'],
  ['-'],
  [''],
  ['--contex', 'ps'],
  ['--context'],
  ['-c'],
  ['-x'],
  ['-Dx'],
  ['-Dv'],
  ['-Dh'],
  ['-vD'],
  ['--tls=', 'ps'],
  ['--log-level'],
  ['--Context', 'x'],
  ['--config', '--', '--'],
  ['-Hv', 'rm'],
];

/** Every command path of the table (groups included), as docker would see them typed. */
function commandPaths(group: DockerCommandGroup, prefix: string[] = []): string[][] {
  return Object.entries(group.commands).flatMap(([name, entry]) => [
    [...prefix, name],
    ...(isCommandGroup(entry) ? commandPaths(entry, [...prefix, name]) : []),
  ]);
}

const unknownCommands = [['guard', 'ls'], ['Ps'], ['ps2'], ['builder', 'ls'], ['container', '--help'], ['container', '-f', 'ls'], ['compose', '-p', 'x', 'ps']];
const followers = [[], ['-f', 'x'], ['--', 'x'], ['--help=false', 'rm'], ['rm', '-f', 'x']];

/** Where a misread flag shows: the word after it decides, and reads and non-reads look alike. */
const sensitive = [
  ['ps'],
  ['rm', 'ps'],
  ['container', 'ls'],
  ['container', 'rm', 'ls'],
  ['image', 'ls'],
  ['image', 'rm', 'x'],
  ['version'],
  ['compose', 'ps'],
  [],
];

/** The first of two flags in a row (a value that looks like a flag is among the forms already). */
const pairFirsts = [['-D'], ['--context', 'ps'], ['-cps'], ['--tls=false'], ['-H', 'unix:///tmp/x.sock'], ['-Dl', 'rm']];

/** Every command with each follower, and each flag form before the sensitive ones; `pairs` adds two forms in a row. */
function corpus({ pairs }: { pairs: boolean }): string[][] {
  const commands = [...commandPaths(dockerCommandTable), ...unknownCommands];
  const forms = [...globalFlagForms, ...oddForms];
  return [
    ...commands.flatMap((command) => followers.map((after) => [...command, ...after])),
    ...forms.flatMap((form) => sensitive.map((command) => [...form, ...command, 'x'])),
    ...(pairs ? pairFirsts.flatMap((first, i) => forms.map((second, j) => [...first, ...second, ...sensitive[(i + j) % sensitive.length]])) : []),
  ];
}

/** Runs each line through the launcher under `shell`, in one driver process: 0 = docker directly, 1 = the guard. */
async function choices(shell: string, lines: string[][], dir: string, env: NodeJS.ProcessEnv): Promise<number[]> {
  const separator = '\x1f';
  assert.ok(lines.every((line) => line.every((word) => !word.includes(separator) && !word.includes('\n'))));
  const input = path.join(dir, `lines-${path.basename(shell)}`);
  await writeFile(input, lines.map((line) => line.map((word) => word + separator).join('')).join('\n') + '\n');
  // Each word ends with the separator, so empty words survive the split and no line grows one.
  const driver = `IFS=$(printf '\\037'); set -f
while IFS= read -r line; do set -- $line; ${shell} "$0" "$@" </dev/null >/dev/null 2>&1; echo $?; done <"$1"`;
  const result = await runProcess('/bin/sh', ['-c', driver, launcher, input], { env, timeoutMs: 600_000 });
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.trimEnd().split('\n').map(Number);
}

describe('docker launcher fast path (corpus against the classifier)', function () {
  this.timeout(600_000);
  const tempDir = useTempDirs('launcher-corpus');
  let dir: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    dir = await tempDir();
    await mkdir(path.join(dir, 'bin'));
    await symlink(findCommand('true')!, path.join(dir, 'bin', 'docker'));
    env = {
      PATH: [path.dirname(launcher), path.join(dir, 'bin'), '/usr/bin', '/bin'].join(':'),
      HOME: dir,
      DOCKER_CONTEXT_GUARD_NODE: findCommand('false')!,
    };
  });

  // The #! line runs it under sh; bash stands for the systems whose sh is bash (macOS), without the pairs to save time.
  for (const [shell, pairs] of [
    ['sh', true],
    ['bash', false],
  ] as const) {
    it(`under ${shell}: every command line it sends straight to docker is a read by the guard's classifier`, async () => {
      const lines = corpus({ pairs });
      const chosen = await choices(shell, lines, dir, env);
      assert.equal(chosen.length, lines.length);
      const unexpected = lines.filter((_, index) => chosen[index] !== 0 && chosen[index] !== 1);
      assert.deepEqual(unexpected, [], 'the launcher neither ran docker nor the guard');
      const direct = lines.filter((_, index) => chosen[index] === 0);
      const wrong = direct.filter((line) => classifyDockerArgs(line).class !== 'read');
      assert.deepEqual(wrong, [], 'sent straight to docker, but not reads');
      assert.ok(direct.length > lines.length / 10, `only ${direct.length} of ${lines.length} went straight to docker`);
    });
  }

  it('sends the common reads straight to docker, whatever global flags come first', async () => {
    const lines = [
      ['--context', 'prod', 'ps'],
      ['-c=prod', 'container', 'ls', '-a'],
      ['container', 'ls'],
      ['image', 'ls'],
      ['-D', 'logs', '-f', 'web'],
      ['-H', 'unix:///tmp/x.sock', 'system', 'df'],
      ['--config=/tmp/c', 'context', 'show'],
      ['compose', 'logs', '-f'],
      ['--tls=false', 'network', 'ls'],
    ];
    assert.deepEqual(
      await choices('sh', lines, dir, env),
      lines.map(() => 0),
      JSON.stringify(lines),
    );
  });

  it('the flags it skips are global flags that the real docker accepts, and select what docker selects', async () => {
    const config = await tempDir();
    const docker = (args: string[]) => runProcess('docker', args, { env: { ...process.env, DOCKER_CONFIG: config, DOCKER_HOST: '', DOCKER_CONTEXT: '' } });
    const forms = [...globalFlagForms, ...oddForms];
    const lines = forms.map((form) => [...form, 'context', 'show']);
    const chosen = await choices('sh', lines, dir, env);
    assert.deepEqual(
      lines.filter((_, index) => index < globalFlagForms.length && chosen[index] !== 0),
      [],
      'global flags it did not skip',
    );
    for (const line of lines.filter((_, index) => chosen[index] === 0)) {
      // `context show` names the context the flags select (it need not exist), or docker refuses the value it took.
      const shown = await docker(line);
      if (/^Unable to parse logging level: (ps|rm)$/.test(shown.stderr.trim())) continue;
      assert.equal(shown.code, 0, `docker ${line.join(' ')}: ${shown.stderr}`);
      const { operation, globalFlags } = classifyDockerArgs(line);
      // (`-h` shows docker's help instead.)
      if (operation !== 'help') assert.equal(shown.stdout.trim(), globalFlags.context ?? 'default', line.join(' '));
    }
  });
});
