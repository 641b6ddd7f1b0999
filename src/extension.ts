/**
 * Extension entry point: builds the services once, wires them to the UI, and owns them all.
 *
 * Keep this file (and everything it imports at the top) light: it runs at startup. Engine,
 * SSH and certificate code is reached only through the lazy loaders of src/core/vendor.ts.
 */
import * as vscode from 'vscode';
import { DisposableStore } from './core/lifecycle';
import { productVersion } from './core/productInfo';
import { registerCommands } from './ui/commands/registerCommands';
import { ContextsView } from './ui/contextsView';

/** What the extension exports to other extensions and to its integration tests. */
export interface ExtensionApi {
  readonly version: string;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const services = new DisposableStore();
  context.subscriptions.push(services);

  const log = services.register(vscode.window.createOutputChannel('Docker Context Guard', { log: true }));
  services.register(new ContextsView());
  services.register(registerCommands({ log }));
  log.info(`Docker Context Guard ${productVersion} activated`);

  return { version: productVersion };
}

export function deactivate(): void {
  // Everything is owned by `services`, which VS Code disposes through context.subscriptions.
}
