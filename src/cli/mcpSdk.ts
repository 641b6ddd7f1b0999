/**
 * The parts of the MCP SDK (@modelcontextprotocol/sdk) the `mcp` command uses. esbuild bundles
 * this file alone into dist/vendor/mcp-sdk.js (esbuild.config.mjs), loaded only when `mcp`
 * runs, so every other command starts without parsing the SDK and its schema library.
 */
export { Server } from '@modelcontextprotocol/sdk/server/index.js';
export { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
export { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
