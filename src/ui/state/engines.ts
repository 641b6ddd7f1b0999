/**
 * The window's access to engines: one EngineConnections (clients cached per context, SSH
 * pooled), the guard every mutating action passes through (made by extension.ts), and the health of each context,
 * probed when the user shows the Contexts view, switches, or refreshes — never at start-up, so
 * activation does not load dockerode.
 *
 * Each context is probed on its own and its row updates when its own probe answers: a black-holed
 * host never holds back the others. A row keeps its last known state while it is probed again,
 * a context already being probed is not asked twice, and the log hears of changes only.
 */
import * as vscode from 'vscode';

import type { ListedContext } from '../../core/contexts/contextList';
import { type EngineClient, EngineConnections, type SshTransport } from '../../core/engine/engineConnections';
import { type EngineHealth, healthChange, probeEngine } from '../../core/engine/engineHealth';
import { probeTimeoutMs } from '../../core/engine/engineTimeouts';
import { FirstTlsMaterial, type TlsMaterialSource } from '../../core/engine/tlsConnection';
import type { Guard } from '../../core/guard/guard';
import { DisposableStore } from '../../core/lifecycle';
import type { ContextsModel } from './contextsModel';
import type { SecretTlsStore } from './secretTlsStore';
import type { Settings } from './settings';

/** The last known health; 'probing' only while a context's first probe runs. */
export type HealthState = EngineHealth | 'probing' | undefined;

/**
 * Results that arrive this close together repaint the tree once: 30 local engines answering
 * within a few milliseconds are one repaint, not 30, and no row waits noticeably for another.
 */
const repaintCoalesceMs = 50;

export class Engines extends DisposableStore {
  readonly connections: EngineConnections;
  /** Where TLS material comes from: SecretStorage first, then the Docker CLI's store. */
  readonly tlsMaterial: TlsMaterialSource;
  /** The last result of each context, with the endpoint it was probed at. */
  private readonly known = new Map<string, { host: string; health: EngineHealth }>();
  private readonly running = new Map<string, Promise<EngineHealth>>();
  private repaint: NodeJS.Timeout | undefined;
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
    this.register({ dispose: () => clearTimeout(this.repaint) });
  }

  healthOf(name: string): HealthState {
    return this.known.get(name)?.health ?? (this.running.has(name) ? 'probing' : undefined);
  }

  /** Forgets the health of contexts that are gone or point elsewhere now (a new context under an old name is unknown). */
  retain(contexts: readonly ListedContext[]): void {
    const hosts = new Map(contexts.map((context) => [context.name, context.host]));
    for (const [name, { host }] of this.known) if (!hosts.has(name) || hosts.get(name) !== host) this.known.delete(name);
  }

  client(context: ListedContext): Promise<EngineClient> {
    return this.connections.clientFor(context);
  }

  /** Probes one context without recording its health (a context not saved yet, a view's first look). */
  probeOnce(context: ListedContext): Promise<EngineHealth> {
    return probeEngine(this.connections, context, probeTimeoutMs(this.settings.engineTimeouts()));
  }

  /** Probes `contexts` concurrently; each row updates when its own probe answers, and all have when this settles. */
  async probe(contexts: readonly ListedContext[]): Promise<void> {
    await Promise.all(contexts.filter((context) => !context.error).map((context) => this.probeRecorded(context)));
    this.announceNow();
  }

  /** The health of `context` from a probe that records it: the one already running, or a new one. */
  probeRecorded(context: ListedContext): Promise<EngineHealth> {
    const running = this.running.get(context.name);
    if (running) return running;
    const probing = this.probeOnce(context).then((health) => {
      this.running.delete(context.name);
      this.record(context, health);
      return health;
    });
    this.running.set(context.name, probing);
    if (!this.known.has(context.name)) this.announce();
    return probing;
  }

  private record(context: ListedContext, health: EngineHealth): void {
    const change = healthChange(this.known.get(context.name)?.health, health);
    if (change) this.log.info(change);
    this.known.set(context.name, { host: context.host, health });
    this.announce();
  }

  private announce(): void {
    this.repaint ??= setTimeout(() => this.announceNow(), repaintCoalesceMs);
  }

  private announceNow(): void {
    if (this.repaint === undefined) return;
    clearTimeout(this.repaint);
    this.repaint = undefined;
    this.changed.fire();
  }
}
