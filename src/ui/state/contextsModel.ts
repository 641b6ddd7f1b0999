/**
 * The one source of truth for "which contexts exist and which one is current" in this window.
 * The tree, the status bar, the switcher and the terminals all read it and subscribe to
 * `onDidChange`; it re-reads the Docker CLI's store when the store or config.json changes on
 * disk (StoreWatcher), when tier settings change, and after every switch it makes.
 *
 * Switch scope "window" keeps a per-workspace DOCKER_CONTEXT override instead of writing
 * config.json; the override is part of the environment this model resolves the current context in.
 */
import * as vscode from 'vscode';
import { listContexts, type ContextList } from '../../core/contexts/contextList';
import { ContextStore } from '../../core/contexts/contextStore';
import { DockerConfigFile } from '../../core/contexts/dockerConfigFile';
import { dockerConfigDir } from '../../core/contexts/dockerConfigDir';
import { StoreWatcher } from '../../core/contexts/storeWatcher';
import { switchContext } from '../../core/contexts/switchContext';
import { findRealDocker } from '../../core/terminal/realDocker';
import { DisposableStore } from '../../core/lifecycle';
import type { Settings } from './settings';

const windowContextKey = 'dockerContextGuard.windowContext';

export class ContextsModel extends DisposableStore {
  readonly store: ContextStore;
  readonly configFile: DockerConfigFile;
  private readonly changed = this.register(new vscode.EventEmitter<ContextList>());
  /** Fires after every refresh with the new list. */
  readonly onDidChange = this.changed.event;
  private latest: ContextList | undefined;
  private dockerCli: string | undefined;
  private refreshing: Promise<ContextList> | undefined;
  private refreshAgain = false;

  constructor(
    private readonly settings: Settings,
    private readonly workspaceState: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
    private readonly processEnv: NodeJS.ProcessEnv = process.env,
  ) {
    super();
    const configDir = dockerConfigDir(processEnv);
    this.store = new ContextStore(configDir, processEnv);
    this.configFile = new DockerConfigFile(configDir);
    this.register(new StoreWatcher(configDir, () => void this.refresh()));
    this.register(settings.onDidChange((affects) => {
      if (affects('tiers') || affects('productionPatterns') || affects('switchScope')) void this.refresh();
    }));
    log.info(`Docker config directory: ${configDir}`);
  }

  /** The last list read, or undefined before the first refresh finishes. */
  get list(): ContextList | undefined {
    return this.latest;
  }

  /** Where the docker CLI is on PATH, as of the last refresh; undefined when Docker is not installed. */
  get dockerCliPath(): string | undefined {
    return this.dockerCli;
  }

  /** The context DOCKER_CONTEXT is set to for this window only (switch scope "window"). */
  get windowContext(): string | undefined {
    return this.settings.switchScope() === 'window' ? this.workspaceState.get<string>(windowContextKey) : undefined;
  }

  /** The environment docker runs in from this window: the process's, plus the window's DOCKER_CONTEXT. */
  get env(): NodeJS.ProcessEnv {
    const windowContext = this.windowContext;
    return windowContext ? { ...this.processEnv, DOCKER_CONTEXT: windowContext } : this.processEnv;
  }

  /** Re-reads the store; concurrent calls share one read, and a call during a read schedules one more. */
  refresh(): Promise<ContextList> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = this.readUntilSettled().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async readUntilSettled(): Promise<ContextList> {
    let list: ContextList;
    do {
      this.refreshAgain = false;
      list = await listContexts(this.store, this.configFile, this.env, this.settings.tierRules());
    } while (this.refreshAgain);
    if (list.configError) this.log.warn(list.configError);
    const dockerCli = findRealDocker(this.env);
    if (!dockerCli && (this.dockerCli || !this.latest)) this.log.warn('No docker command on PATH: terminals and scripts cannot use these contexts until Docker is installed.');
    this.dockerCli = dockerCli;
    this.latest = list;
    this.changed.fire(list);
    return list;
  }

  /** Makes `name` current: in config.json (scope "global") or for this window only (scope "window"). */
  async use(name: string): Promise<void> {
    if (this.settings.switchScope() === 'window') {
      const context = await this.store.get(name);
      if (context.error) throw new Error(`cannot use context "${name}": ${context.error}`);
      await this.workspaceState.update(windowContextKey, name);
      this.log.info(`Using context "${name}" in this window (DOCKER_CONTEXT)`);
    } else {
      await switchContext(this.store, this.configFile, this.processEnv, name);
      this.log.info(`Using context "${name}" (config.json currentContext)`);
    }
    await this.refresh();
  }
}
