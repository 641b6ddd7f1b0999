/**
 * activation: how long Node takes to load the bundle VS Code loads at startup (dist/extension.js)
 * versus loading dockerode, the cost the lazy vendor bundles keep out of activation.
 * Each sample is a fresh Node process, so the module cache is cold, and the time is taken
 * inside the child around the `require` alone (process start-up is not counted on either side).
 */
import { extensionBundlePath } from '../test/support/repoPaths';
import { runProcess } from '../test/support/runProcess';
import { type BenchResult, medianOf } from './measure';

/**
 * Child script: times require(target). `vscode` exists only inside VS Code: here it is a stub
 * of empty classes and URI factories, enough for module-level values such as `new vscode.ThemeIcon(…)`.
 */
const timeRequireScript = `
const Module = require('node:module');
const load = Module._load;
const vscodeStub = {
  ...Object.fromEntries(['ThemeIcon', 'ThemeColor', 'EventEmitter', 'TreeItem', 'MarkdownString'].map((name) => [name, class {}])),
  // Module-level constants build URIs of our scheme (inspectDocuments.ts).
  Uri: { from: () => ({}), file: () => ({}), parse: () => ({}) },
};
Module._load = function (request, ...rest) { return request === 'vscode' ? vscodeStub : load.call(this, request, ...rest); };
const start = process.hrtime.bigint();
require(process.argv[1]);
process.stdout.write(String(Number(process.hrtime.bigint() - start) / 1e6));
`;

async function timeRequire(target: string): Promise<number> {
  const result = await runProcess(process.execPath, ['-e', timeRequireScript, target]);
  if (result.code !== 0) throw new Error(`loading ${target} failed: ${result.stderr}`);
  return Number(result.stdout);
}

export async function run(): Promise<BenchResult> {
  const dockerodePath = require.resolve('dockerode');
  return {
    name: 'activation',
    ours: await medianOf(() => timeRequire(extensionBundlePath)),
    baseline: await medianOf(() => timeRequire(dockerodePath)),
    unit: 'ms',
  };
}
