/**
 * This window's engine gateway (core/gateway/engineGateway.ts): a socket per context of the
 * store, in a folder of this window's own (0700, under $XDG_RUNTIME_DIR or the OS temp folder,
 * short enough for a unix socket path), which the terminals learn from
 * DOCKER_CONTEXT_GUARD_GATEWAY_DIR. Upstream it uses the sidebar's EngineConnections, so keys
 * in SecretStorage and the pooled SSH connection serve the terminals too; it asks with this
 * window's dialogs (gatewayGuardPolicy).
 *
 * Lazy: the folder is made at activation (its path goes into the terminals' environment), but
 * the gateway's code is loaded and its sockets opened only when something needs them — a shell
 * terminal (open at activation or opened later), Open Terminal on Context, Container Tools. Then
 * it serves every usable context of the model, kept in step with it, until the window closes.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import * as vscode from 'vscode';

import type { ListedContext } from '../../core/contexts/contextList';
import type { EngineGateway, GatewaySocket } from '../../core/gateway/engineGateway';
import type { GuardObserver, GuardPolicy } from '../../core/guard/guard';
import { DisposableStore } from '../../core/lifecycle';
import { contextConditions } from '../views/contextConditions';
import type { ContextsModel } from './contextsModel';
import type { Engines } from './engines';

/** A folder of this user only for the sockets: the session's runtime folder when there is one. */
function socketFolder(env: NodeJS.ProcessEnv): string {
  const runtime = env.XDG_RUNTIME_DIR;
  const usable = (dir: string | undefined) => {
    try {
      return dir !== undefined && path.isAbsolute(dir) && statSync(dir).isDirectory();
    } catch {
      return false;
    }
  };
  // mkdtemp makes it 0700.
  return mkdtempSync(path.join(usable(runtime) ? runtime! : os.tmpdir(), 'dcg-'));
}

export class GatewayService extends DisposableStore {
  readonly directory: string;
  private gateway: Promise<EngineGateway> | undefined;
  private syncing: Promise<void> = Promise.resolve();

  constructor(
    private readonly model: ContextsModel,
    private readonly engines: Engines,
    private readonly policy: GuardPolicy,
    private readonly observe: GuardObserver,
    private readonly log: vscode.LogOutputChannel,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    super();
    this.directory = socketFolder(env);
    this.register({ dispose: () => this.stop() });
    this.register(model.onDidChange(() => this.gateway && this.sync()));
    const isShell = (terminal: vscode.Terminal) => !('pty' in terminal.creationOptions);
    this.register(vscode.window.onDidOpenTerminal((terminal) => isShell(terminal) && void this.start()));
    if (vscode.window.terminals.some(isShell)) void this.start();
  }

  /** The socket of `context`, serving it from now on (the gateway starts if it has not). */
  async socketOf(context: ListedContext): Promise<GatewaySocket> {
    return (await this.start()).open(context);
  }

  /** Starts the gateway once, serving every context of the model. */
  start(): Promise<EngineGateway> {
    if (!this.gateway) {
      this.gateway = this.load();
      this.sync();
    }
    return this.gateway;
  }

  private async load(): Promise<EngineGateway> {
    const { EngineGateway } = await import('../../core/gateway/engineGateway');
    this.log.info(`Engine gateway: sockets in ${this.directory}`);
    return new EngineGateway({
      directory: this.directory,
      upstream: (context) => this.engines.connections.upstreamFor(context),
      policy: this.policy,
      observe: this.observe,
      log: (line) => this.log.warn(`Engine gateway: ${line}`),
    });
  }

  /** Serves the model's contexts and no others; one pass at a time, in order. */
  private sync(): void {
    this.syncing = this.syncing.then(async () => {
      const gateway = await this.gateway!;
      const contexts = (this.model.list?.contexts ?? []).filter(contextConditions.gatewayServed);
      const names = new Set(contexts.map((context) => context.name));
      await Promise.all([
        ...gateway
          .contexts()
          .filter((name) => !names.has(name))
          .map((name) => gateway.close(name)),
        ...contexts.map((context) =>
          gateway.open(context).catch((error: Error) => this.log.warn(`Engine gateway: cannot serve "${context.name}": ${error.message}`)),
        ),
      ]);
    });
    this.syncing = this.syncing.catch((error: Error) => this.log.warn(`Engine gateway: ${error.message}`));
  }

  private stop(): void {
    void this.gateway?.then((gateway) => gateway.dispose());
    rmSync(this.directory, { recursive: true, force: true });
  }
}
