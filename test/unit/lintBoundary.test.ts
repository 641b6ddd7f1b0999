/**
 * The layer boundary is the lint's to keep (eslint.config.mjs): for each rule, a probe file at a
 * path inside the layer, importing what the layer must not, is linted with the repository's
 * own configuration and must fail — and the same import from where it is allowed must pass.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import { ESLint } from 'eslint';

import { repoRoot } from '../support/repoPaths';

const eslint = new ESLint({ cwd: repoRoot });

async function problems(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(repoRoot, file) });
  return result.messages.map((message) => `${message.ruleId}: ${message.message}`);
}

describe('lint: the layer boundary', function () {
  this.timeout(60_000);

  const forbidden: [file: string, source: string][] = [
    ['src/core/probe.ts', "import * as vscode from 'vscode';\nexport const probe = vscode;\n"],
    ['src/core/guard/probe.ts', "import { Settings } from '../../ui/state/settings';\nexport const probe = Settings;\n"],
    ['src/core/probe.ts', "import { commandTable } from '../cli/commandTable';\nexport const probe = commandTable;\n"],
    ['src/core/probe.ts', "import { activate } from '../extension';\nexport const probe = activate;\n"],
    ['src/shim.ts', "import * as vscode from 'vscode';\nexport const probe = vscode;\n"],
    ['src/shim.ts', "import { Settings } from './ui/state/settings';\nexport const probe = Settings;\n"],
    ['src/cli/probe.ts', "import { Settings } from '../ui/state/settings';\nexport const probe = Settings;\n"],
    ['src/cli.ts', "import * as vscode from 'vscode';\nexport const probe = vscode;\n"],
    ['src/ui/views/probe.ts', "import { withErrorBoundary } from '../commands/errorBoundary';\nexport const probe = withErrorBoundary;\n"],
    ['src/ui/state/probe.ts', "import type { CommandServices } from '../commands/commandServices';\nexport type Probe = CommandServices;\n"],
  ];
  for (const [file, source] of forbidden) {
    it(`fails on ${file} importing ${/from '([^']+)'/.exec(source)![1]}`, async () => {
      const found = await problems(file, source);
      assert.ok(
        found.some((problem) => problem.startsWith('no-restricted-imports')),
        found.join('\n') || 'no problem found',
      );
    });
  }

  it('passes the same imports where they belong', async () => {
    assert.deepEqual(
      await problems(
        'src/ui/probe.ts',
        "import * as vscode from 'vscode';\n\nimport { Guard } from '../core/guard/guard';\nexport const probe = [vscode, Guard];\n",
      ),
      [],
    );
    assert.deepEqual(
      await problems(
        'src/ui/commands/probe.ts',
        "import { Prompts } from '../prompts/prompts';\nimport { withErrorBoundary } from './errorBoundary';\nexport const probe = [withErrorBoundary, Prompts];\n",
      ),
      [],
    );
    assert.deepEqual(await problems('src/cli/probe.ts', "import { Guard } from '../core/guard/guard';\nexport const probe = Guard;\n"), []);
  });
});
