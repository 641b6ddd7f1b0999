/**
 * Extension entry point: builds the services once, wires them to the UI, and owns them all.
 *
 * Keep this file (and everything it imports at the top) light: it runs at startup. Engine,
 * SSH and certificate code is reached only through the lazy loaders of src/core/vendor.ts.
 */
import * as vscode from 'vscode';

import { AuditLog } from './core/audit/auditLog';
import { auditObserver } from './core/audit/auditRecord';
import type { ContextList, ListedContext } from './core/contexts/contextList';
import type { BoundTlsMaterial } from './core/engine/storedKeyBinding';
import { Guard } from './core/guard/guard';
import { DisposableStore } from './core/lifecycle';
import { productVersion } from './core/productInfo';
import { auditLogFile, elevationsFile, guardStateDirectory } from './core/stateDirectory';
import { LanguageModelTools } from './ui/agent/languageModelTools';
import type { PreparedToolInvocation } from './ui/agent/lmApi';
import { registerMcpServerDefinition } from './ui/agent/mcpServerDefinition';
import { registerCommands } from './ui/commands/registerCommands';
import { ElevationEndingNotice } from './ui/prompts/elevationEndingNotice';
import { gatewayGuardPolicy, uiGuardPolicy } from './ui/prompts/guardConfirmation';
import { OrphanedKeysNotice } from './ui/prompts/orphanedKeysNotice';
import { type AskedQuestion, Prompts, type ScriptedAnswer } from './ui/prompts/prompts';
import { sayingRefusals } from './ui/prompts/readOnlyRefusal';
import { AccessState } from './ui/state/accessState';
import { CertificateStatus } from './ui/state/certificateStatus';
import { caKeyHeld } from './ui/state/clientMaterial';
import { containerToolsIds, ContainerToolsSync } from './ui/state/containerToolsSync';
import { ContextsModel } from './ui/state/contextsModel';
import { ElevationState } from './ui/state/elevationState';
import { Engines, type HealthState } from './ui/state/engines';
import { GatewayAllowances } from './ui/state/gatewayAllowances';
import { GatewayService } from './ui/state/gatewayService';
import { SecretTlsStore } from './ui/state/secretTlsStore';
import { Settings } from './ui/state/settings';
import { createSshTransport } from './ui/state/sshTransport';
import { TerminalEnvironment } from './ui/state/terminalEnvironment';
import { WorkspacePin } from './ui/state/workspacePin';
import { EngineBrowser } from './ui/views/browse/engineBrowser';
import { ContextsTree } from './ui/views/contextsTree';
import { EngineAuditDocuments } from './ui/views/engineAuditDocuments';
import { registerInspectDocuments } from './ui/views/inspectDocuments';
import { type IndicatorState, StatusBarIndicator } from './ui/views/statusBarIndicator';

/** What the extension exports to other extensions and to its integration tests. */
export interface ExtensionApi {
  readonly version: string;
  readonly contexts: {
    readonly list: ContextList | undefined;
    refresh(): Promise<ContextList>;
    onDidChange: vscode.Event<ContextList>;
  };
  readonly statusBar: { readonly state: IndicatorState };
  readonly tree: vscode.TreeDataProvider<unknown> & { getChildren(element?: unknown): Promise<unknown[]>; readonly view: { readonly message?: string } };
  readonly engines: { readonly guard: Guard; healthOf(name: string): HealthState; probe(contexts: readonly ListedContext[]): Promise<void> };
  /** Only in ExtensionMode.Test: answers for the next questions the extension asks. */
  readonly testing?: {
    scriptAnswers(answers: ScriptedAnswer[]): void;
    readonly asked: AskedQuestion[];
    /** Every notice shown without a question. */
    readonly notices: string[];
    /** Titles of the engine actions whose progress the Contexts view shows right now. */
    readonly progress: readonly string[];
    /** What SecretStorage holds for a context (tests check keys landed there and nowhere else). */
    secretsOf(contextName: string): Promise<BoundTlsMaterial | undefined>;
    readonly auditLogFile: string;
    /** What the agent tool `name` would have VS Code show before it runs (VS Code has no API to ask for it). */
    prepareAgentTool(name: string, input: Record<string, unknown>): Promise<PreparedToolInvocation | undefined>;
    /** This window's engine gateway: its socket folder, and the contexts it serves. */
    readonly gateway: { readonly directory: string; contexts(): Promise<string[]> };
  };
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const services = new DisposableStore();
  context.subscriptions.push(services);

  const log = services.register(vscode.window.createOutputChannel('Docker Context Guard', { log: true }));
  const settings = new Settings();
  const prompts = new Prompts();
  const secrets = new SecretTlsStore(context.secrets, context.globalState);
  const model = services.register(new ContextsModel(settings, context.workspaceState, log, secrets));
  const auditLog = new AuditLog(auditLogFile(process.env));
  const elevations = services.register(new ElevationState(elevationsFile(process.env), settings, auditLog, log));
  const audit = auditObserver(auditLog, (error) => void vscode.window.showWarningMessage(`Docker Context Guard: ${error.message}`));
  // The role our certificate has where an engine enforces access (AccessState, made once the certificates are).
  const enforcedRoleOf = (name: string): string | undefined => access.enforcedRoleOf(name);
  const guard = new Guard(uiGuardPolicy(settings, prompts, auditLog, elevations.store, enforcedRoleOf), audit);
  const engines = services.register(new Engines(model, settings, log, secrets, () => createSshTransport(prompts, settings), guard));
  const allowances = services.register(new GatewayAllowances());
  const gateway = services.register(
    new GatewayService(
      model,
      engines,
      gatewayGuardPolicy(settings, prompts, auditLog, elevations.store, allowances, enforcedRoleOf),
      sayingRefusals(audit),
      log,
    ),
  );
  const browser = services.register(new EngineBrowser(engines, settings, log));
  const certificates = services.register(
    new CertificateStatus(model, engines.tlsMaterial, settings, prompts, context.globalState, (name) => caKeyHeld(secrets, name)),
  );
  const access = services.register(new AccessState(context.globalState, engines, certificates));
  // What the terminal guard and the MCP server of this window use: the launcher, the audit log, the elevations.
  const guardFiles = {
    extensionPath: context.extensionPath,
    auditLogFile: auditLog.file,
    stateDir: guardStateDirectory(process.env),
    gatewayDir: gateway.directory,
  };
  const tree = services.register(new ContextsTree(model, settings, engines, browser, certificates, elevations, access));
  const statusBar = services.register(new StatusBarIndicator(model, settings, engines, certificates, elevations, allowances));
  const terminals = services.register(new TerminalEnvironment(context.environmentVariableCollection, model, settings, guardFiles));
  // In tests, DCG_TEST_CONTAINER_TOOLS=1 stands in for the extension (it cannot be installed offline).
  const containerToolsPresent = () =>
    containerToolsIds.some((id) => vscode.extensions.getExtension(id)) ||
    (context.extensionMode === vscode.ExtensionMode.Test && process.env.DCG_TEST_CONTAINER_TOOLS === '1');
  services.register(
    new ContainerToolsSync(
      model,
      settings,
      context.workspaceState,
      prompts,
      containerToolsPresent,
      async (target) => (await gateway.socketOf(target)).dockerHost,
      log,
    ),
  );
  const workspacePin = services.register(new WorkspacePin(model, settings, prompts, log));
  services.register(registerInspectDocuments(model, certificates, auditLog));
  const engineAudit = services.register(new EngineAuditDocuments());
  services.register(new OrphanedKeysNotice(model, secrets, prompts, log));
  services.register(new ElevationEndingNotice(elevations, model, prompts));
  const agentTools = services.register(new LanguageModelTools({ model, settings, engines, elevations: elevations.store, auditLog }));
  const mcpServer = registerMcpServerDefinition(model, settings, guardFiles);
  if (mcpServer) services.register(mcpServer);
  services.register(
    registerCommands({ log, model, settings, prompts, engines, browser, secrets, certificates, auditLog, terminals, elevations, gateway, access, engineAudit }),
  );

  void model.refresh().then(
    () => workspacePin.apply(),
    (error: Error) => log.error('Reading the Docker contexts failed:', error),
  );
  log.info(`Docker Context Guard ${productVersion} activated`);

  return {
    version: productVersion,
    contexts: {
      get list() {
        return model.list;
      },
      refresh: () => model.refresh(),
      onDidChange: model.onDidChange,
    },
    statusBar: {
      get state() {
        return statusBar.state;
      },
    },
    tree,
    engines,
    testing:
      context.extensionMode === vscode.ExtensionMode.Test
        ? {
            scriptAnswers: (answers) => prompts.scriptAnswers(answers),
            asked: prompts.asked,
            notices: prompts.notices,
            progress: browser.busy.progress,
            secretsOf: (name) => secrets.load(name),
            auditLogFile: auditLog.file,
            prepareAgentTool: (name, input) => agentTools.prepare(name, input),
            gateway: { directory: gateway.directory, contexts: async () => (await gateway.start()).contexts() },
          }
        : undefined,
  };
}

export function deactivate(): void {
  // Everything is owned by `services`, which VS Code disposes through context.subscriptions.
}
