/**
 * The agent tools (src/core/agent/agentTools.ts) as VS Code language-model tools, so agent mode
 * shows VS Code's own confirmations. They run on this window's services: its contexts and tiers,
 * its engine connections (TLS keys in SecretStorage included), this user's elevations and audit
 * log, through a Guard with the agent policy. For a change, prepareInvocation names the context,
 * its tier and endpoint and every target, in the sidebar's words; that confirmation is the
 * person's answer to a y/N the policy asks. A change the policy refuses anyway (read-only
 * production, a typed name, which an agent never gives) is not put to the person: it is
 * refused when it runs, and nothing reaches the engine.
 */
import * as vscode from 'vscode';

import { agentPolicy } from '../../core/agent/agentPolicy';
import type { AgentSurface, ToolInput } from '../../core/agent/agentSurface';
import { agentTools, callAgentTool } from '../../core/agent/agentTools';
import type { AuditLog } from '../../core/audit/auditLog';
import { auditObserver } from '../../core/audit/auditRecord';
import type { ElevationStore } from '../../core/guard/elevations';
import { Guard, type GuardRequest } from '../../core/guard/guard';
import { confirmationFor } from '../../core/guard/guardPolicy';
import { DisposableStore } from '../../core/lifecycle';
import { messageText } from '../../core/text/foreignText';
import { describeRequest, guardQuestion } from '../prompts/guardConfirmation';
import type { ContextsModel } from '../state/contextsModel';
import type { Engines } from '../state/engines';
import type { Settings } from '../state/settings';
import { languageModelApi, type PreparedToolInvocation } from './lmApi';

export interface AgentToolServices {
  model: ContextsModel;
  settings: Settings;
  engines: Engines;
  elevations: ElevationStore;
  auditLog: AuditLog;
}

/** What identifies a change between its confirmation and its run: the same tool, context, operation and targets. */
function changeKey(request: GuardRequest): string {
  return JSON.stringify([request.tool, request.context.name, request.context.host, request.operation, request.targets]);
}

export class LanguageModelTools extends DisposableStore {
  private readonly surface: AgentSurface;
  /** Changes whose confirmation VS Code put to the person; taken by the run that follows. */
  private readonly confirmed = new Set<string>();

  constructor({ model, settings, engines, elevations, auditLog }: AgentToolServices) {
    super();
    const elevationOf = (context: { name: string; host: string }) => elevations.openFor(context);
    const warn = (error: Error) => void vscode.window.showWarningMessage(messageText(`Docker Context Guard: ${error.message}`));
    const confirmedByPerson = (request: GuardRequest) => this.confirmed.delete(changeKey(request));
    this.surface = {
      kind: 'vscode',
      readOnly: false,
      contexts: async () => (model.list ?? (await model.refresh())).contexts,
      client: (context) => engines.client(context),
      probe: (context) => engines.probeRecorded(context),
      guard: new Guard(agentPolicy({ settings: () => settings.guardSettings(), elevationOf, confirmedByPerson }), auditObserver(auditLog, warn)),
      settings: () => settings.guardSettings(),
      elevationOf,
      timeouts: () => settings.engineTimeouts(),
    };
    const api = languageModelApi();
    if (!api) return;
    const { lm, classes } = api;
    for (const tool of agentTools) {
      this.register(
        lm.registerTool<ToolInput>(tool.name, {
          prepareInvocation: async ({ input }) => this.prepare(tool.name, input),
          invoke: async ({ input }) => {
            const { text, isError } = await callAgentTool(tool.name, input, this.surface);
            // VS Code hands a thrown error's message to the model as the tool's failure.
            if (isError) throw new Error(text);
            return new classes.LanguageModelToolResult([new classes.LanguageModelTextPart(text)]);
          },
        }),
      );
    }
  }

  /** What VS Code shows before the tool runs: for a change the policy may let through, the question the person answers. */
  async prepare(name: string, input: ToolInput): Promise<PreparedToolInvocation | undefined> {
    const tool = agentTools.find((candidate) => candidate.name === name);
    if (!tool?.plan) return { invocationMessage: tool?.title ?? name };
    let request: GuardRequest;
    try {
      ({ request } = await tool.plan(input ?? {}, this.surface));
    } catch {
      // It cannot even be planned (no such context or container): the run says why, and sends nothing.
      return { invocationMessage: tool.title };
    }
    const elevated = this.surface.elevationOf(request.context) !== undefined;
    const needed = confirmationFor(request, this.surface.settings(), elevated);
    if (needed === 'refuse' || needed === 'typeName') return { invocationMessage: `${tool.title}: refused by Docker Context Guard` };
    // Only what the policy will ask takes this confirmation as its answer; the rest is shown all the same.
    if (needed === 'confirm') this.confirmed.add(changeKey(request));
    return {
      invocationMessage: tool.title,
      confirmationMessages: {
        title: `${guardQuestion(request)} (asked by an AI agent)`,
        message: `${describeRequest(request)}\nTool: ${tool.name}${elevated ? '\nWrite access is open (elevated).' : ''}`,
      },
    };
  }
}
