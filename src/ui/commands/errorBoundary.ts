/**
 * The one error boundary around every command handler: a failure is logged with its stack and
 * shown once with an "Open Log" button; a user cancelling (Esc) is not an error and stays
 * silent, and so is a guard that declined an action (someone said no; nothing was sent). A
 * refusal nobody was asked about (a read-only production context) is said, with how to proceed.
 */
import * as vscode from 'vscode';

import { GuardDeclined, GuardRefused } from '../../core/guard/guard';
import { messageText } from '../../core/text/foreignText';
import { sayReadOnlyRefusal } from '../prompts/readOnlyRefusal';
import { UserCancelled } from '../prompts/userCancelled';

export function withErrorBoundary<Args extends unknown[]>(
  commandId: string,
  log: vscode.LogOutputChannel,
  handler: (...args: Args) => unknown,
): (...args: Args) => Promise<unknown> {
  return async (...args: Args) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof GuardRefused) {
        sayReadOnlyRefusal(error);
        return undefined;
      }
      if (error instanceof UserCancelled || error instanceof vscode.CancellationError || error instanceof GuardDeclined) return undefined;
      const message = error instanceof Error ? error.message : String(error);
      log.error(`${commandId} failed:`, error instanceof Error ? error : message);
      void vscode.window.showErrorMessage(messageText(message), 'Open Log').then((choice) => {
        if (choice === 'Open Log') log.show();
      });
      return undefined;
    }
  };
}
