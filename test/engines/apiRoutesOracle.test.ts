/**
 * The Engine API route table against the real docker 28 CLI, differentially: every command line
 * of the guard's corpus (and lines that hand a container the host, spelled as users and bypasses
 * spell them) is run by docker against a recording proxy in front of the harness's engine (reads
 * pass, changes are refused with their bodies kept). Every request docker sent must be a route
 * the table knows, classed no lower than the test's own reading (apiRequestClass) and, over the
 * line, no lower than the CLI command table's class for the line; a request whose body decides is
 * classified from the body docker actually sent and must find the host access the command line's
 * reading finds.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import { apiBodyDecides, classifyApiRequest } from '../../src/core/engineApi/apiRoutes';
import { classifyDockerArgs } from '../../src/core/guard/classifyDockerArgs';
import type { OperationClass } from '../../src/core/guard/guard';
import { apiRequestClass } from '../support/apiRequestClass';
import { loadHarnessInfo } from '../support/harnessInfo';
import { hostAccessKind } from '../support/hostAccessKind';
import { rawEngineRequest } from '../support/rawEngineRequest';
import { type RecordingEngineProxy, startRecordingEngineProxy } from '../support/recordingEngineProxy';
import { runProcess } from '../support/runProcess';
import { useTempDirs } from '../support/tempDir';
import { commands } from './guardCorpus';

const rank: Record<OperationClass, number> = { read: 0, mutate: 1, destroy: 2 };

/** Lines that hand a container the host; `IMG` is the harness's image, `SOCK` the engine's socket, `RUNNING` a running container. */
const hostAccessLines = [
  'run --privileged IMG true',
  'run --privileged=true IMG',
  'run --privileged=1 -d IMG',
  'container run --rm --privileged IMG sh',
  'create --privileged IMG',
  'container create --name dcg-routes-x --privileged IMG',
  'run -v /:/h IMG',
  'run -v //:/h IMG',
  'run --volume=/etc/:/e:ro IMG',
  'run -v SOCK:/var/run/docker.sock IMG',
  'run --mount type=bind,src=SOCK,dst=/s IMG',
  'run --mount type=bind,source=/,target=/h,readonly IMG',
  'run --mount=type=bind,src=/etc,dst=/e IMG',
  'run --pid host IMG',
  'run --pid=host IMG',
  'run --network=host IMG',
  'run --net host IMG',
  'run --ipc=host IMG',
  'run --uts=host IMG',
  'run --userns=host IMG',
  'run --cgroupns=host IMG',
  'run --cap-add SYS_ADMIN IMG',
  'run --cap-add=cap_sys_admin IMG',
  'run --cap-add ALL IMG',
  'run --cap-add=sys_ptrace,NET_ADMIN IMG',
  'run --security-opt seccomp=unconfined IMG',
  'run --security-opt=apparmor=unconfined IMG',
  'run --security-opt label=disable IMG',
  'run --security-opt systempaths=unconfined IMG',
  'run --use-api-socket IMG',
  'run --mount type=volume,dst=/h,volume-opt=type=none,volume-opt=o=bind,volume-opt=device=/ IMG',
  'volume create --opt type=none --opt o=bind --opt device=/ dcg-routes-v1',
  'volume create -d local -o type=none -o o=rbind,ro -o device=/etc dcg-routes-v2',
  'run -d --rm --name dcg-routes-y -v /:/h --privileged --pid=host IMG sleep 1',
  'exec --privileged RUNNING true',
  'exec --privileged=true -u 0 RUNNING true',
  'container exec -t=false --privileged RUNNING true',
  'service create --no-resolve-image --mount type=bind,src=/,dst=/h IMG',
  'service create --no-resolve-image --mount type=bind,src=SOCK,dst=/s --name s1 IMG',
  'service create --no-resolve-image --cap-add SYS_ADMIN IMG',
  'service create --no-resolve-image --network host IMG',
];

/** Global-flag spellings before the command (the terminal guard's bypasses): the requests must not depend on them. */
const prefixes = [[], ['--debug=false'], ['--', '--log-level=error']];

describe('the Engine API route table against the docker CLI (differential, recording engine)', function () {
  this.timeout(300_000);
  const info = loadHarnessInfo();
  const tempDir = useTempDirs('api-routes-oracle');
  let proxy: RecordingEngineProxy;
  let env: NodeJS.ProcessEnv;
  let running: string;

  before(async () => {
    proxy = await startRecordingEngineProxy(path.join(await tempDir(), 'engine.sock'), info.local.socketPath);
    env = { PATH: process.env.PATH, HOME: await tempDir(), DOCKER_CONFIG: await tempDir() };
    const made = await rawEngineRequest(info.local.socketPath, 'POST', '/containers/create', JSON.stringify({ Image: info.image, Cmd: ['sleep', '300'] }));
    running = (JSON.parse(made.body) as { Id: string }).Id;
    assert.equal((await rawEngineRequest(info.local.socketPath, 'POST', `/containers/${running}/start`)).status, 204);
  });

  after(async () => {
    await proxy.close();
    await rawEngineRequest(info.local.socketPath, 'DELETE', `/containers/${running}?force=1`);
  });

  it('classes every request docker sends at least as the CLI table and the API reference do, from the body docker sent', async () => {
    const fill = (word: string) => word.replace('IMG', info.image).replace('SOCK', info.local.socketPath).replace('RUNNING', running);
    const lines = [
      ...commands.flatMap((command) => prefixes.map((prefix) => [...prefix, ...command])),
      ...hostAccessLines.flatMap((line) => [[], prefixes[2]].map((prefix) => [...prefix, ...line.split(' ').map(fill)])),
    ];
    const disagreements: string[] = [];
    let requests = 0;
    let bodies = 0;
    let hostAccessFound = 0;
    for (const words of lines) {
      const args = ['-H', `unix://${proxy.socketPath}`, ...words];
      const line = `docker ${words.join(' ')}`;
      const ours = classifyDockerArgs(args);
      proxy.clear();
      await runProcess('docker', args, { env, timeoutMs: 20_000 });
      let strongest: OperationClass = 'read';
      const apiAccess = new Set<string>();
      for (const request of proxy.requests) {
        requests++;
        const decides = apiBodyDecides(request.method, request.path);
        if (decides) bodies++;
        const api = classifyApiRequest(request.method, request.path, decides ? request.body : undefined);
        const effective: OperationClass = api.hostAccess ? 'destroy' : api.class;
        if (rank[effective] > rank[strongest]) strongest = effective;
        for (const reason of api.hostAccess ?? []) apiAccess.add(hostAccessKind(reason));
        if (api.unknownRoute) disagreements.push(`${line}: ${request.method} ${request.path} is no route the table knows`);
        const reference = apiRequestClass(request.method, request.path);
        if (rank[effective] < rank[reference])
          disagreements.push(`${line}: ${request.method} ${request.path} is ${api.class}, the API reference says ${reference}`);
      }
      const cliClass: OperationClass = ours.hostAccess.length > 0 ? 'destroy' : ours.class;
      // Docker refused the line itself, or stopped at a read that failed: only what it sent is weighed.
      const sentChange = proxy.requests.some((request) => request.method !== 'GET' && request.method !== 'HEAD');
      if (sentChange && rank[strongest] < rank[cliClass])
        disagreements.push(`${line}: the requests are ${strongest}, the CLI table says ${cliClass} (${ours.operation})`);
      // `--use-api-socket` reaches the engine as a bind of the socket the CLI talks to.
      const found = (kind: string) =>
        apiAccess.has(kind) || (kind === '--use-api-socket' && [...apiAccess].some((api) => api.startsWith('bind of ') && api.endsWith('.sock')));
      const missed = ours.hostAccess.map(hostAccessKind).filter((kind) => !found(kind));
      if (sentChange && missed.length > 0)
        disagreements.push(`${line}: the body docker sent grants ${[...apiAccess].join(', ') || 'nothing'}, the command line ${missed.join(', ')}`);
      if (apiAccess.size > 0) hostAccessFound++;
    }
    assert.deepEqual(disagreements, [], `${disagreements.length} disagreements over ${lines.length} lines`);
    // A corpus docker refused wholesale proves nothing.
    assert.ok(
      requests > 300 && bodies >= 60 && hostAccessFound >= 2 * hostAccessLines.length - 4,
      `${requests} requests, ${bodies} bodies read, ${hostAccessFound} lines with host access`,
    );
  });
});
