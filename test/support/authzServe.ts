/**
 * The authorization plugin as the suites run it: the built CLI's `authz serve` in a child
 * process, ready once it answers dockerd's activation call on its socket, and a client that
 * POSTs to it as dockerd's plugin client does.
 */
import * as assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';

import { eventually } from './eventually';
import { cliPath } from './repoPaths';

export function postToPlugin(socketPath: string, method: string, body: unknown): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path: `/${method}`, method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** `authz serve --socket --policy --audit`, once it activates; kill it with SIGKILL to see what a dead plugin does. */
export async function startAuthzServe(files: { socketPath: string; policyFile: string; auditFile: string }): Promise<ChildProcess> {
  const child = spawn(process.execPath, [cliPath, 'authz', 'serve', '--socket', files.socketPath, '--policy', files.policyFile, '--audit', files.auditFile], {
    stdio: 'ignore',
  });
  const activated = await eventually(
    () => postToPlugin(files.socketPath, 'Plugin.Activate', {}).catch(() => undefined),
    (answer) => answer !== undefined || child.exitCode !== null,
    'the authorization plugin to listen',
    10_000,
  );
  assert.deepEqual(activated?.json, { Implements: ['authz'] }, `authz serve exited with ${child.exitCode}`);
  return child;
}
