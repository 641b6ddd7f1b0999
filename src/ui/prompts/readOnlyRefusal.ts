/**
 * A refusal nobody was asked about (a read-only production context), said with the way to
 * proceed: "Elevate Write Access…" for that context. For the sidebar's commands (errorBoundary.ts)
 * and for the engine gateway's requests, whose tool (docker, compose, an SDK) prints the refusal too.
 */
import * as vscode from 'vscode';

import { type GuardObserver, GuardRefused } from '../../core/guard/guard';
import { messageText } from '../../core/text/foreignText';

const elevateButton = 'Elevate Write Access…';

export function sayReadOnlyRefusal(error: GuardRefused): void {
  void vscode.window.showWarningMessage(messageText(error.message), elevateButton).then((choice) => {
    if (choice === elevateButton) void vscode.commands.executeCommand('dockerContextGuard.elevateWriteAccess', error.request.context);
  });
}

/** How long the gateway stays silent about further refusals on the same context (one `compose down` is many requests). */
const quietMs = 60_000;

/** `observe`, and each read-only refusal said (once a minute per context at most): for the gateway, whose requests no command wraps. */
export function sayingRefusals(observe: GuardObserver): GuardObserver {
  const saidAt = new Map<string, number>();
  return (settled) => {
    observe(settled);
    if (!(settled.error instanceof GuardRefused)) return;
    const name = settled.request.context.name;
    if (Date.now() - (saidAt.get(name) ?? -Infinity) < quietMs) return;
    saidAt.set(name, Date.now());
    sayReadOnlyRefusal(settled.error);
  };
}
