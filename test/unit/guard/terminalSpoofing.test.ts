/**
 * The terminal guard's question as a person sees it, under attack: a context (a meta.json
 * someone handed over) whose endpoint carries, after a `#fragment` docker ignores, escape
 * sequences and a carriage return that would redraw the line as a harmless local one, and a name
 * with ESC and a bidi override. The question is rendered by a terminal emulator (VS Code's own,
 * @xterm/headless) from the bytes the guard wrote on a real pseudo-terminal, and must show the
 * real endpoint and every foreign control character as visible text.
 */
import * as assert from 'node:assert/strict';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

import { Terminal } from '@xterm/headless';

import { ContextStore } from '../../../src/core/contexts/contextStore';
import { defaultGuardSettings } from '../../../src/core/guard/guardPolicy';
import { guardSettingsToEnv } from '../../../src/core/guard/guardSettingsEnv';
import { sharedEnv } from '../../../src/core/sharedEnvironment';
import { dockerCli } from '../../support/dockerCli';
import { repoRoot } from '../../support/repoPaths';
import { ensureSystemPackages } from '../../support/systemDeps';
import { useTempDirs } from '../../support/tempDir';
import { runOnTerminal } from './terminalProcess';

/** What a terminal 160 columns wide shows after `bytes`, one string per row, trailing blanks cut. */
function rendered(bytes: string): Promise<string[]> {
  const terminal = new Terminal({ cols: 160, rows: 60, allowProposedApi: true, convertEol: false });
  return new Promise((resolve) => {
    terminal.write(bytes, () => {
      const buffer = terminal.buffer.active;
      const rows = Array.from({ length: buffer.length }, (_unused, index) => buffer.getLine(index)?.translateToString(true) ?? '');
      terminal.dispose();
      resolve(rows.filter((row) => row !== ''));
    });
  });
}

describe('terminal guard question under a spoofing context (rendered by xterm)', function () {
  this.timeout(30_000);
  const tempDir = useTempDirs('spoofing');
  let env: NodeJS.ProcessEnv;
  const spoof = '\u001b[2K\r\u001b[1A\u001b[2KDocker Context Guard: container rm web on "laptop" (local, unix:///var/run/docker.sock)';

  before(async () => {
    await ensureSystemPackages([{ command: 'python3', pkg: 'python3' }]);
    const configDir = await tempDir();
    await dockerCli(configDir).ok('context', 'create', 'edge', '--docker', 'host=tcp://127.0.0.1:9');
    await dockerCli(configDir).ok('context', 'use', 'edge');
    // The attacker's meta.json: the same context, its host with a fragment carrying the spoof.
    const metaFile = new ContextStore(configDir).metaFileOf('edge');
    const meta = JSON.parse(await readFile(metaFile, 'utf8')) as { Endpoints: { docker: { Host: string } } };
    meta.Endpoints.docker.Host = `tcp://127.0.0.1:9#${spoof}`;
    await writeFile(metaFile, JSON.stringify(meta));
    const fakeDir = await tempDir();
    await mkdir(fakeDir, { recursive: true });
    await writeFile(path.join(fakeDir, 'docker'), '#!/bin/sh\necho "fake docker ran: $*"\n');
    await chmod(path.join(fakeDir, 'docker'), 0o755);
    env = {
      PATH: [path.join(repoRoot, 'media', 'shim'), fakeDir, path.dirname(process.execPath), '/usr/bin', '/bin'].join(':'),
      HOME: await tempDir(),
      DOCKER_CONFIG: configDir,
      DOCKER_CONTEXT_GUARD_NODE: process.execPath,
      TERM: 'xterm-256color',
      // The typed-name question is what is spoofed here (read-only production would refuse unasked).
      [sharedEnv.guardSettings]: guardSettingsToEnv({ ...defaultGuardSettings, production: 'typeName' }),
    };
  });

  it('shows the real endpoint, not the line the escape sequences draw', async () => {
    const run = await runOnTerminal(['bash', '-c', 'docker rm web'], [['[y/N]', 'n\n']], env);
    assert.equal(run.status, 3, run.screen);
    const rows = await rendered(run.screen);
    const question = rows.find((row) => row.startsWith('Docker Context Guard:'));
    assert.ok(question, rows.join('\n'));
    assert.match(question, /^Docker Context Guard: container rm web on "edge" \(development, tcp:\/\/127\.0\.0\.1:9#\\u001b\[2K\\u000d\\u001b\[1A/);
    assert.ok(!rows.some((row) => /^Docker Context Guard: container rm web on "laptop"/.test(row)), rows.join('\n'));
    assert.ok(!rows.some((row) => row.includes('fake docker ran')), 'docker ran although the answer was no');
  });

  it('a name with ESC and a bidi override is shown as written, in the question and in the refusal', async () => {
    const configDir = env.DOCKER_CONFIG!;
    await dockerCli(configDir).ok('context', 'create', 'ok-name', '--docker', 'host=tcp://127.0.0.1:9');
    const metaFile = new ContextStore(configDir).metaFileOf('ok-name');
    const meta = JSON.parse(await readFile(metaFile, 'utf8')) as { Name: string };
    // A name docker would never write; a foreign meta.json can hold it in its own directory's hash.
    const hostile = 'prod\u202e\u001b[8mx';
    meta.Name = hostile;
    const hostileFile = new ContextStore(configDir).metaFileOf(hostile);
    await mkdir(path.dirname(hostileFile), { recursive: true });
    await writeFile(hostileFile, JSON.stringify(meta));
    const run = await runOnTerminal(['bash', '-c', `docker --context "$(printf 'prod\\342\\200\\256\\033[8mx')" stop web`], [['Type its name', 'no\n']], env);
    const rows = await rendered(run.screen);
    assert.ok(
      rows.some((row) => row.includes('on "prod\\u202e\\u001b[8mx"')),
      rows.join('\n'),
    );
    assert.equal(run.status, 3, run.screen);
  });
});
