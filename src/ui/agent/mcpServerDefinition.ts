/**
 * Offers the companion CLI's MCP server (`node dist/cli.js mcp`) to VS Code's MCP clients
 * (`mcpServerDefinitionProviders`, VS Code 1.101): the same tools as the language-model tools,
 * with the guard of a terminal — this window's tier rules and guard settings, this user's audit
 * log and elevations, and no person to ask. VS Code's own binary runs it as Node, as it runs the
 * terminal guard's launcher.
 */
import * as path from 'node:path';

import * as vscode from 'vscode';

import { tierRulesToEnv } from '../../core/contexts/tierRulesEnv';
import { guardSettingsToEnv } from '../../core/guard/guardSettingsEnv';
import { DisposableStore } from '../../core/lifecycle';
import { productDisplayName, productVersion } from '../../core/productInfo';
import { sharedEnv } from '../../core/sharedEnvironment';
import type { ContextsModel } from '../state/contextsModel';
import type { Settings } from '../state/settings';
import type { TerminalGuardFiles } from '../state/terminalEnvironment';
import { languageModelApi } from './lmApi';

/** The id package.json's `mcpServerDefinitionProviders` declares. */
export const mcpProviderId = 'dockerContextGuard.mcp';

export function registerMcpServerDefinition(model: ContextsModel, settings: Settings, files: TerminalGuardFiles): vscode.Disposable | undefined {
  const api = languageModelApi();
  const Definition = api?.classes.McpStdioServerDefinition;
  if (!api?.lm.registerMcpServerDefinitionProvider || !Definition) return undefined;
  const owned = new DisposableStore();
  // The server reads its settings once, at start: a change of them (or of the window's context) is a new definition.
  const changed = owned.register(new vscode.EventEmitter<void>());
  owned.register(settings.onDidChange((affects) => (affects('guard') || affects('tiers') || affects('productionPatterns')) && changed.fire()));
  let windowContext = model.windowContext;
  owned.register(
    model.onDidChange(() => {
      if (model.windowContext === windowContext) return;
      windowContext = model.windowContext;
      changed.fire();
    }),
  );
  owned.register(
    api.lm.registerMcpServerDefinitionProvider(mcpProviderId, {
      onDidChangeMcpServerDefinitions: changed.event,
      provideMcpServerDefinitions: () => {
        const env: Record<string, string | null> = {
          ELECTRON_RUN_AS_NODE: '1',
          DOCKER_CONTEXT: model.windowContext ?? null,
          [sharedEnv.tierRules]: tierRulesToEnv(settings.tierRules()),
          [sharedEnv.guardSettings]: guardSettingsToEnv(settings.guardSettings()),
          [sharedEnv.auditLog]: files.auditLogFile,
          [sharedEnv.stateDir]: files.stateDir,
        };
        return [new Definition(productDisplayName, process.execPath, [path.join(files.extensionPath, 'dist', 'cli.js'), 'mcp'], env, productVersion)];
      },
    }),
  );
  return owned;
}
