/**
 * package.json repeats the agent tools for VS Code (`languageModelTools`, read before the
 * extension runs): the same names, titles, descriptions and argument schemas as the one table in
 * src/core/agent/agentTools.ts, in the same order, and the MCP server provider the extension
 * registers. A tool added to, changed in or dropped from the table without the manifest fails here.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import { agentTools } from '../../../src/core/agent/agentTools';
import { repoRoot } from '../../support/repoPaths';

interface ManifestTool {
  name: string;
  displayName: string;
  modelDescription: string;
  inputSchema: unknown;
  tags: string[];
}

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  contributes: { languageModelTools: ManifestTool[]; mcpServerDefinitionProviders: { id: string }[] };
};

describe('agent tools in package.json', () => {
  it('lists every tool of the table as it is, in order', () => {
    assert.deepEqual(
      manifest.contributes.languageModelTools.map(({ name, displayName, modelDescription, inputSchema }) => ({
        name,
        displayName,
        modelDescription,
        inputSchema,
      })),
      agentTools.map(({ name, title, description, inputSchema }) => ({ name, displayName: title, modelDescription: description, inputSchema })),
    );
  });

  it('tags changes apart from reads, and tells agents to call docker_target first', () => {
    for (const tool of manifest.contributes.languageModelTools) {
      const change = agentTools.find((candidate) => candidate.name === tool.name)?.plan !== undefined;
      assert.ok(tool.tags.includes(change ? 'docker-change' : 'docker-read'), tool.name);
      if (change) assert.match(tool.modelDescription, /Call docker_target first/, tool.name);
    }
    assert.match(manifest.contributes.languageModelTools[0].modelDescription, /^Call this first, before any Docker work/);
  });

  it('declares the MCP server provider the extension registers (src/ui/agent/mcpServerDefinition.ts, which needs vscode: read as text)', () => {
    const source = readFileSync(path.join(repoRoot, 'src', 'ui', 'agent', 'mcpServerDefinition.ts'), 'utf8');
    const registered = /export const mcpProviderId = '([^']+)'/.exec(source)?.[1];
    assert.deepEqual(
      manifest.contributes.mcpServerDefinitionProviders.map((provider) => provider.id),
      [registered],
    );
  });
});
