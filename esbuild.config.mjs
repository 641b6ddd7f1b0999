// Bundles the extension, the CLI and the heavy third-party modules.
//
// Activation must stay light, so dockerode, ssh2 and node-forge are never inlined into
// dist/extension.js or dist/cli.js. Each becomes its own bundle in dist/vendor/, and every
// `require('dockerode')` (etc.) in our code is rewritten to `require('./vendor/dockerode.js')`,
// which runs only when a user action calls the lazy loader in src/core/vendor.ts.
//
//   node esbuild.config.mjs               development build (sourcemaps)
//   node esbuild.config.mjs --production  minified, no sourcemaps (what the .vsix ships)
//   node esbuild.config.mjs --watch       rebuild on change, problem-matcher friendly output
import { chmod, writeFile } from 'node:fs/promises';

import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Heavy modules: each gets its own bundle under dist/vendor/ and is loaded only on demand. */
const vendorModules = ['dockerode', 'ssh2', 'node-forge'];

/** The MCP SDK, loaded only by the CLI's `mcp` command (src/cli/mcpSdk.ts): a bundle of its own too. */
const lazyMcpSdkPlugin = {
  name: 'lazy-mcp-sdk',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/mcpSdk$/ }, () => ({ path: './vendor/mcp-sdk.js', external: true }));
  },
};

/** Rewrites imports of the heavy modules to their separate bundles (from any other bundle). */
const lazyVendorPlugin = {
  name: 'lazy-vendor',
  setup(build) {
    const filter = new RegExp(`^(${vendorModules.join('|')})$`);
    build.onResolve({ filter }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const fromVendor = /[\\/]node_modules[\\/]/.test(args.importer);
      return { path: `${fromVendor ? '.' : './vendor'}/${args.path}.js`, external: true };
    });
  },
};

/** ssh2's native speed-ups are optional (it falls back to pure JS); never bundle them. */
const optionalNativePlugin = {
  name: 'optional-native',
  setup(build) {
    build.onResolve({ filter: /\.node$|^cpu-features$/ }, (args) => ({ path: args.path, external: true }));
  },
};

/** Prints start and end markers that the `$esbuild-watch` problem matcher understands. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/** The CLI is run directly (`./dist/cli.js`, or as the Docker CLI plugin `docker-guard`). */
const executablePlugin = {
  name: 'executable',
  setup(build) {
    build.onEnd(async (result) => {
      if (result.errors.length === 0) await chmod('dist/cli.js', 0o755);
    });
  },
};

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: watch ? 'silent' : 'warning',
  metafile: true,
  plugins: [lazyVendorPlugin, optionalNativePlugin, ...(watch ? [problemMatcherPlugin] : [])],
};

const builds = [
  { ...common, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  {
    ...common,
    entryPoints: { cli: 'src/cli.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [lazyMcpSdkPlugin, ...common.plugins, executablePlugin],
  },
  // The terminal guard, run by media/shim/docker before docker commands: small, on its own.
  { ...common, entryPoints: { shim: 'src/shim.ts' }, outdir: 'dist' },
  {
    ...common,
    entryPoints: { ...Object.fromEntries(vendorModules.map((name) => [`vendor/${name}`, name])), 'vendor/mcp-sdk': 'src/cli/mcpSdk.ts' },
    outdir: 'dist',
  },
];

if (watch) {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  // Tests read the metafile to prove that activation never pulls in a heavy module.
  const outputs = Object.assign({}, ...results.map((result) => result.metafile.outputs));
  await writeFile('dist/meta.json', JSON.stringify({ outputs }, null, 1));
}
