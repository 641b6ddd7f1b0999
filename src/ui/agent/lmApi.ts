/**
 * The parts of VS Code's language-model API the agent tools use: tools (VS Code 1.95) and MCP
 * server definition providers (1.101). The extension supports VS Code from 1.90 (package.json's
 * `engines`, and the @types/vscode it compiles against), so these are declared here and looked
 * up at run time: where VS Code lacks them, nothing is registered and nothing else changes.
 */
import * as vscode from 'vscode';

/** What prepareInvocation returns: the confirmation VS Code shows before `invoke` (absent: none). */
export interface PreparedToolInvocation {
  invocationMessage?: string;
  confirmationMessages?: { title: string; message: string | vscode.MarkdownString };
}

export interface LanguageModelTool<T> {
  prepareInvocation?(options: { input: T }, token: vscode.CancellationToken): Promise<PreparedToolInvocation | undefined>;
  invoke(options: { input: T; toolInvocationToken?: unknown }, token: vscode.CancellationToken): Promise<unknown>;
}

export interface LanguageModelToolInformation {
  readonly name: string;
  readonly description: string;
  readonly inputSchema: object | undefined;
  readonly tags: readonly string[];
}

/** A tool's result: parts, of which text parts have a `value`. */
export interface LanguageModelToolResult {
  readonly content: readonly unknown[];
}

export interface McpServerDefinitionProvider {
  readonly onDidChangeMcpServerDefinitions?: vscode.Event<void>;
  provideMcpServerDefinitions(token: vscode.CancellationToken): unknown[];
}

export interface LanguageModelApi {
  registerTool<T>(name: string, tool: LanguageModelTool<T>): vscode.Disposable;
  readonly tools: readonly LanguageModelToolInformation[];
  invokeTool(name: string, options: { input: object; toolInvocationToken: undefined }, token?: vscode.CancellationToken): Thenable<LanguageModelToolResult>;
  registerMcpServerDefinitionProvider?(id: string, provider: McpServerDefinitionProvider): vscode.Disposable;
}

export interface LanguageModelClasses {
  LanguageModelToolResult: new (content: unknown[]) => LanguageModelToolResult;
  LanguageModelTextPart: new (value: string) => { readonly value: string };
  McpStdioServerDefinition?: new (label: string, command: string, args: string[], env: Record<string, string | null>, version?: string) => unknown;
}

/** VS Code's language-model tools API and its classes, when this VS Code has them. */
export function languageModelApi(): { lm: LanguageModelApi; classes: LanguageModelClasses } | undefined {
  const lm = (vscode as unknown as { lm?: Partial<LanguageModelApi> }).lm;
  const classes = vscode as unknown as Partial<LanguageModelClasses>;
  if (typeof lm?.registerTool !== 'function' || !classes.LanguageModelToolResult || !classes.LanguageModelTextPart) return undefined;
  return { lm: lm as LanguageModelApi, classes: classes as LanguageModelClasses };
}
