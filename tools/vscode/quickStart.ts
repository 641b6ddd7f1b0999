/**
 * The offline VS Code that `npm start` gives a person, in one place so that the quick-start test
 * (test/quickstart/) checks exactly what scripts/start.mjs serves: code-server WITHOUT the test
 * runner's enable-smoke-test-driver (which drops every notification toast), this checkout loaded
 * as an installed extension through a link in the server's extensions folder (so it must be built:
 * dist/), and the repository open.
 */
import { type CodeServer, startCodeServer } from './codeServer';
import type { OfflineVsCode } from './installOfflineVsCode';
import { workbenchUrl } from './runInBrowser';

export interface QuickStartOptions {
  install: OfflineVsCode;
  /** The built checkout: loaded as the extension and opened as the workspace. */
  repoRoot: string;
  /** Fixed port; default a free loopback port. */
  port?: number;
  /** Extra environment for the server and its extension host (see StartCodeServerOptions.env). */
  env?: Record<string, string | undefined>;
}

export interface QuickStart {
  readonly server: CodeServer;
  /** The address to open: the workbench with the repository folder. */
  readonly url: string;
}

export async function startQuickStart(o: QuickStartOptions): Promise<QuickStart> {
  const server = await startCodeServer({ install: o.install, port: o.port, env: o.env, linkedExtension: o.repoRoot });
  // No payload: only a testDriver server reads it.
  return { server, url: workbenchUrl({ server, folder: o.repoRoot, skipWelcome: false }) };
}
