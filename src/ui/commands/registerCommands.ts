/**
 * The table of every command the extension registers. Each command lives in its own file and
 * is wrapped in the same error boundary; package.json lists the same ids under contributes.commands.
 */
import * as vscode from 'vscode';
import { DisposableStore } from '../../core/lifecycle';
import { withErrorBoundary } from './errorBoundary';
import { showLog } from './showLog';

export interface CommandServices {
  log: vscode.LogOutputChannel;
}

type CommandHandler = (services: CommandServices, ...args: never[]) => unknown;

const commandTable: Record<string, CommandHandler> = {
  'dockerContextGuard.showLog': showLog,
};

export function registerCommands(services: CommandServices): vscode.Disposable {
  const registrations = new DisposableStore();
  for (const [commandId, handler] of Object.entries(commandTable)) {
    const bound = (...args: never[]) => handler(services, ...args);
    registrations.register(vscode.commands.registerCommand(commandId, withErrorBoundary(commandId, services.log, bound)));
  }
  return registrations;
}
