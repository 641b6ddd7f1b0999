/**
 * "Allow changes on CONTEXT for N minutes", the extra answer of the engine gateway's question:
 * one `docker compose down` is forty API requests, and this makes it one question. Kept in
 * memory for this window only (never in a file another window or terminal reads), per context
 * and endpoint (a context pointed elsewhere is asked again), and ended at its time by a timer so
 * that the status bar stops showing it. Requests it lets through are audited as confirmed by
 * `allowance`; it never opens a read-only context (the policy refuses those before asking).
 */
import * as vscode from 'vscode';

import type { ListedContext } from '../../core/contexts/contextList';
import { DisposableStore } from '../../core/lifecycle';

export interface Allowance {
  context: string;
  endpoint: string;
  /** Epoch milliseconds. */
  until: number;
}

export class GatewayAllowances extends DisposableStore {
  private readonly allowances = new Map<string, { allowance: Allowance; timer: NodeJS.Timeout }>();
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** Fires when an allowance starts or ends. */
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this.register({ dispose: () => this.allowances.forEach(({ timer }) => clearTimeout(timer)) });
  }

  allow(context: Pick<ListedContext, 'name' | 'host'>, minutes: number): Allowance {
    this.end(context.name);
    const allowance = { context: context.name, endpoint: context.host, until: Date.now() + minutes * 60_000 };
    this.allowances.set(context.name, { allowance, timer: setTimeout(() => this.end(context.name), minutes * 60_000) });
    this.changed.fire();
    return allowance;
  }

  /** The allowance open for `context` at its current endpoint. */
  of(context: Pick<ListedContext, 'name' | 'host'>): Allowance | undefined {
    const allowance = this.allowances.get(context.name)?.allowance;
    return allowance && allowance.endpoint === context.host && allowance.until > Date.now() ? allowance : undefined;
  }

  get open(): Allowance[] {
    return [...this.allowances.values()].map(({ allowance }) => allowance).filter((allowance) => allowance.until > Date.now());
  }

  end(contextName: string): void {
    const entry = this.allowances.get(contextName);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.allowances.delete(contextName);
    this.changed.fire();
  }
}
