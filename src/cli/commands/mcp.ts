/**
 * `mcp [--read-only]`: a Model Context Protocol server on stdin/stdout, for AI agents outside
 * VS Code (and for VS Code's own MCP clients, which the extension offers it to). It offers the
 * agent tools of src/core/agent/agentTools.ts against the Docker CLI's contexts, with the guard
 * of a terminal's settings and elevations. No person can be asked over MCP: a change that needs a
 * confirmation is refused unless a person opened an elevation, one that needs a typed name always
 * is, and `--read-only` refuses every change. Each answer that refuses or fails is a tool error
 * (`isError`) naming the context and its tier; every request is audited with `source: agent`.
 */
import { agentPolicy } from '../../core/agent/agentPolicy';
import type { AgentSurface } from '../../core/agent/agentSurface';
import { agentTools, callAgentTool } from '../../core/agent/agentTools';
import { AuditLog } from '../../core/audit/auditLog';
import { auditObserver } from '../../core/audit/auditRecord';
import { probeEngine } from '../../core/engine/engineHealth';
import { defaultEngineTimeouts, probeTimeoutMs } from '../../core/engine/engineTimeouts';
import { userElevations } from '../../core/guard/elevations';
import { Guard } from '../../core/guard/guard';
import { guardSettingsFromEnv } from '../../core/guard/guardSettingsEnv';
import { productName, productVersion } from '../../core/productInfo';
import { auditLogFile } from '../../core/stateDirectory';
import { contextServices } from '../contextServices';
import { cliEngineTimeouts, engineConnections } from '../engineServices';
import { type CliCommand, type CliIo, ExitCode } from '../io';
import type * as McpSdk from '../mcpSdk';
import { parseOptions, UsageError } from '../parseOptions';

/** The SDK, loaded only when the server starts (its own bundle: see mcpSdk.ts). */
function loadMcpSdk(): typeof McpSdk {
  return require('../mcpSdk');
}

export const mcpCommand: CliCommand = {
  name: 'mcp',
  summary: 'Serve the guarded Docker tools to AI agents over MCP (stdio); --read-only refuses every change',
  usage: '[--read-only]',
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { 'read-only': { type: 'boolean' } }, true);
    if (positionals.length > 0) throw new UsageError('takes no arguments but --read-only');
    const { Server, StdioServerTransport, ListToolsRequestSchema, CallToolRequestSchema } = loadMcpSdk();
    const surface = cliSurface(io, values['read-only'] === true);
    const server = new Server({ name: productName, version: productVersion }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, async () => ({
      tools: agentTools.map(({ name, title, description, inputSchema, plan }) => ({
        name,
        title,
        description,
        inputSchema,
        annotations: { title, readOnlyHint: plan === undefined, destructiveHint: plan !== undefined, openWorldHint: false },
      })),
    }));
    const answering = new Set<Promise<unknown>>();
    server.setRequestHandler(CallToolRequestSchema, async ({ params }) => {
      const answer = callAgentTool(params.name, params.arguments ?? {}, surface);
      answering.add(answer);
      const { text, isError } = await answer.finally(() => answering.delete(answer));
      return { content: [{ type: 'text', text }], isError };
    });
    const closed = new Promise<void>((resolve) => {
      server.onclose = resolve;
    });
    await server.connect(new StdioServerTransport());
    // The client ends the session by closing our stdin; calls already made are answered first.
    process.stdin.once('end', () => void Promise.allSettled([...answering]).then(() => server.close()));
    try {
      await closed;
    } finally {
      surface.dispose();
    }
    return ExitCode.ok;
  },
};

/** The agent surface of the CLI: the Docker CLI's contexts, this user's elevations and audit log, nobody to ask. */
function cliSurface(io: CliIo, readOnly: boolean): AgentSurface & { dispose(): void } {
  const settings = guardSettingsFromEnv(io.env);
  const elevations = userElevations(io.env, settings);
  const connectMs = defaultEngineTimeouts.connectMs;
  const connections = engineConnections(io.env, connectMs, io);
  const log = new AuditLog(auditLogFile(io.env));
  const warn = (error: Error) => io.stderr.write(`${productName} mcp: warning: ${error.message}\n`);
  const elevationOf = (context: { name: string; host: string }) => elevations.openFor(context);
  return {
    kind: 'mcp',
    readOnly,
    contexts: async () => (await contextServices(io).list()).contexts,
    client: (context) => connections.clientFor(context),
    probe: (context) => probeEngine(connections, context, probeTimeoutMs({ connectMs })),
    guard: new Guard(agentPolicy({ settings: () => settings, elevationOf, confirmedByPerson: () => false, readOnly }), auditObserver(log, warn)),
    settings: () => settings,
    elevationOf,
    timeouts: () => cliEngineTimeouts(connectMs),
    dispose: () => connections.dispose(),
  };
}
