/**
 * The window's access to engines: one EngineConnections (clients cached per context, SSH
 * pooled), the guard every mutating action passes through (made by extension.ts), and the health of each context,
 * probed when the user shows the Contexts view, switches, or refreshes — never at start-up, so
 * activation does not load dockerode.
 */
import * as vscode from 'vscode';
import type { ListedContext } from '../../core/contexts/contextList';
import { EngineConnections, type EngineClient, type SshTransport } from '../../core/engine/engineConnections';
import { probeEngine, probeEngines, type EngineHealth } from '../../core/engine/engineHealth';
import { FirstTlsMaterial, type TlsMaterialSource } from '../../core/engine/tlsConnection';
import type { Guard } from '../../core/guard/guard';
import { DisposableStore } from '../../core/lifecycle';
import type { ContextsModel } from './contextsModel';
import type { SecretTlsStore } from './secretTlsStore';
import type { Settings } from './settings';

export type HealthState = EngineHealth | 'probing' | undefined;

export class Engines extends DisposableStore {
  readonly connections: EngineConnections;
  /** Where TLS material comes from: SecretStorage first, then the Docker CLI's store. */
  readonly tlsMaterial: TlsMaterialSource;
  private readonly health = new Map<string, EngineHealth | 'probing'>();
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** Fires when any context's health changes. */
  readonly onDidChangeHealth = this.changed.event;

  constructor(
    model: ContextsModel,
    private readonly settings: Settings,
    private readonly log: vscode.LogOutputChannel,
    secrets: SecretTlsStore,
    createSsh: () => SshTransport,
    /** The single entry point of every mutating action (its policy asks the user). */
    readonly guard: Guard,
  ) {
    super();
    // Keys in SecretStorage first: a context that has them uses them, never stale files.
    this.tlsMaterial = new FirstTlsMaterial([secrets, model.tlsFiles]);
    this.connections = this.register(new EngineConnections({ tls: this.tlsMaterial, ssh: createSsh, timeouts: () => settings.engineTimeouts() }));
    this.register(settings.onDidChange((affects) => affects('engine') && this.connections.invalidate()));
  }

  healthOf(name: string): HealthState {
    return this.health.get(name);
  }

  client(context: ListedContext): Promise<EngineClient> {
    return this.connections.clientFor(context);
  }

  /** Probes one context without recording its health (a context not saved yet, a view's first look). */
  probeOnce(context: ListedContext): Promise<EngineHealth> {
    return probeEngine(this.connections, context, this.probeTimeoutMs());
  }

  /** A probe may take the connect timeout and a second more for its requests. */
  private probeTimeoutMs(): number {
    return this.settings.engineTimeouts().connectMs + 1000;
  }

  /** Probes `contexts` concurrently; the tree and status bar update as results arrive. */
  async probe(contexts: readonly ListedContext[]): Promise<void> {
    const usable = contexts.filter((context) => !context.error);
    if (usable.length === 0) return;
    for (const context of usable) this.health.set(context.name, 'probing');
    this.changed.fire();
    const results = await probeEngines(this.connections, usable, { timeoutMs: this.probeTimeoutMs() });
    for (const result of results) {
      this.health.set(result.name, result);
      if (!result.reachable) this.log.info(`${result.name}: ${result.error}`);
    }
    this.changed.fire();
  }
}
