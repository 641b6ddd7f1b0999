/**
 * A refusal nobody was asked about (a read-only production context), said with the way to
 * proceed: "Elevate Write Access…" for that context. For the sidebar's commands (errorBoundary.ts)
 * and for the engine gateway's requests, whose tool (docker, compose, an SDK) prints the refusal too.
 */
import * as vscode from 'vscode';

import type { GuardRefused } from '../../core/guard/guard';
import { messageText } from '../../core/text/foreignText';

const elevateButton = 'Elevate Write Access…';

export function sayReadOnlyRefusal(error: GuardRefused): void {
  void vscode.window.showWarningMessage(messageText(error.message), elevateButton).then((choice) => {
    if (choice === elevateButton) void vscode.commands.executeCommand('dockerContextGuard.elevateWriteAccess', error.request.context);
  });
}
