/**
 * The engine gateway as the headless CLI builds it (headlessGateway), in process, in front of the
 * harness's real engines: a Docker CLI config whose contexts reach the local, TLS and SSH engines,
 * a private state folder (audit log, elevations), and a `docker` runner aimed at a context's
 * gateway socket with DOCKER_HOST, as an integrated terminal or an SDK would be.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';

import { headlessGateway } from '../../src/cli/commands/gateway';
import { engineConnections } from '../../src/cli/engineServices';
import type { AuditRecord } from '../../src/core/audit/auditRecord';
import { listContexts, type ListedContext } from '../../src/core/contexts/contextList';
import { ContextStore } from '../../src/core/contexts/contextStore';
import { DockerConfigFile } from '../../src/core/contexts/dockerConfigFile';
import { tierRulesFromEnv } from '../../src/core/contexts/tierRulesEnv';
import type { EngineConnections } from '../../src/core/engine/engineConnections';
import type { EngineGateway, GatewaySocket } from '../../src/core/gateway/engineGateway';
import { userElevations } from '../../src/core/guard/elevations';
import { guardSettingsFromEnv } from '../../src/core/guard/guardSettingsEnv';
import { sharedEnv } from '../../src/core/sharedEnvironment';
import { dockerCli, tlsArgs } from './dockerCli';
import type { HarnessInfo } from './harnessInfo';

export type HarnessEngine = 'local' | 'tls' | 'ssh';

/** The `--docker` value of a context that reaches `engine`. */
export function contextEndpoint(info: HarnessInfo, engine: HarnessEngine): string {
  if (engine === 'local') return `host=${info.local.host}`;
  if (engine === 'ssh') return `host=${info.ssh.host}`;
  const file = (name: string) => path.join(info.tls.clientDir, name);
  return `host=${info.tls.host},ca=${file('ca.pem')},cert=${file('cert.pem')},key=${file('key.pem')}`;
}

/** Direct `docker` global flags for `engine` (no gateway), for the differential half of a test. */
export function directArgs(info: HarnessInfo, engine: HarnessEngine): string[] {
  if (engine === 'local') return ['-H', info.local.host];
  if (engine === 'ssh') return ['-H', info.ssh.host];
  return tlsArgs(info.tls.clientDir, info.tls.host);
}

export interface GatewayFixture {
  env: NodeJS.ProcessEnv;
  contexts: Map<string, ListedContext>;
  sockets: Map<string, GatewaySocket>;
  gateway: EngineGateway;
  connections: EngineConnections;
  /** `docker` with DOCKER_HOST at the gateway socket of `name`. */
  docker(name: string): ReturnType<typeof dockerCli>;
  /** The audit log's records so far. */
  audit(): Promise<AuditRecord[]>;
  /** Opens write access to `name` for a minute; resolves the function that ends it. */
  elevate(name: string): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Contexts `name → engine` made in a fresh config, each served by one gateway in `dir`. */
export async function startGatewayFixture(
  info: HarnessInfo,
  dir: string,
  engines: Record<string, HarnessEngine>,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<GatewayFixture> {
  const configDir = path.join(dir, 'config');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DOCKER_CONFIG: configDir,
    [sharedEnv.stateDir]: path.join(dir, 'state'),
    DOCKER_HOST: '',
    DOCKER_CONTEXT: '',
    ...extraEnv,
  };
  const setup = dockerCli(configDir);
  for (const [name, engine] of Object.entries(engines)) await setup.ok('context', 'create', name, '--docker', contextEndpoint(info, engine));
  const listed = await listContexts(new ContextStore(configDir, {}), new DockerConfigFile(configDir), {}, tierRulesFromEnv(env));
  const contexts = new Map(listed.contexts.map((context) => [context.name, context]));
  const connections = engineConnections(env, 5000, { stdout: process.stdout, stderr: process.stderr, env });
  const auditFile = path.join(dir, 'state', 'audit.jsonl');
  const gateway = headlessGateway({ env, directory: path.join(dir, 'gw'), auditFile, connections, warn: () => undefined });
  const sockets = new Map<string, GatewaySocket>();
  for (const name of Object.keys(engines)) sockets.set(name, await gateway.open(contexts.get(name)!));
  return {
    env,
    contexts,
    sockets,
    gateway,
    connections,
    docker: (name) => dockerCli(configDir, { ...extraEnv, DOCKER_HOST: sockets.get(name)!.dockerHost }),
    audit: async () =>
      (await readFile(auditFile, 'utf8').catch(() => ''))
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as AuditRecord),
    elevate: async (name) => {
      const store = userElevations(env, guardSettingsFromEnv(env));
      await store.open(contexts.get(name)!, 'gateway test', 60);
      return async () => void (await store.end(name));
    },
    close: async () => {
      await gateway.dispose();
      connections.dispose();
    },
  };
}
