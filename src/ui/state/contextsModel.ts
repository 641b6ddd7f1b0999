/**
 * The one source of truth for "which contexts exist and which one is current" in this window.
 * The tree, the status bar, the switcher and the terminals all read it and subscribe to
 * `onDidChange`; it re-reads the Docker CLI's store when the store or config.json changes on
 * disk (StoreWatcher), when tier settings change, and after every switch it makes.
 *
 * It is also the one writer of contexts in this window (docker/cli's store Writer): every
 * change — tier, create, remove, import, moving keys between the two key stores — goes through
 * a typed method here, which re-reads the store afterwards. The store itself stays private;
 * readers get `reader`.
 *
 * Switch scope "window" keeps a per-workspace DOCKER_CONTEXT override instead of writing
 * config.json; the override is part of the environment this model resolves the current context in.
 */
import * as vscode from 'vscode';

import { importContextArchive, type ImportResult } from '../../core/contexts/archive/importContextArchive';
import type { ParsedArchive } from '../../core/contexts/archive/readContextArchive';
import { type ContextList, listContexts } from '../../core/contexts/contextList';
import { type ContextReader, ContextStore } from '../../core/contexts/contextStore';
import { createContext, type NewContext } from '../../core/contexts/createContext';
import { dockerConfigDir } from '../../core/contexts/dockerConfigDir';
import { DockerConfigFile } from '../../core/contexts/dockerConfigFile';
import type { DockerContext } from '../../core/contexts/dockerContext';
import { StoreWatcher } from '../../core/contexts/storeWatcher';
import { switchContext } from '../../core/contexts/switchContext';
import type { Tier } from '../../core/contexts/tiers';
import { moveTlsKeys } from '../../core/contexts/tls/moveTlsKeys';
import type { KeysLocation, TlsKeyStore } from '../../core/contexts/tls/tlsKeyStore';
import type { TlsMaterial } from '../../core/contexts/tls/tlsMaterial';
import { DisposableStore } from '../../core/lifecycle';
import { findRealDocker } from '../../core/terminal/realDocker';
import type { SecretTlsStore } from './secretTlsStore';
import type { Settings } from './settings';

const windowContextKey = 'dockerContextGuard.windowContext';

export class ContextsModel extends DisposableStore {
  private readonly store: ContextStore;
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
    private readonly secrets: SecretTlsStore,
    private readonly processEnv: NodeJS.ProcessEnv = process.env,
  ) {
    super();
    const configDir = dockerConfigDir(processEnv);
    this.store = new ContextStore(configDir, processEnv);
    this.configFile = new DockerConfigFile(configDir);
    this.register(new StoreWatcher(configDir, () => void this.refresh()));
    this.register(
      settings.onDidChange((affects) => {
        if (affects('tiers') || affects('productionPatterns') || affects('switchScope')) void this.refresh();
      }),
    );
    log.info(`Docker config directory: ${configDir}`);
  }

  /** The store, to read (its writes are the methods below). */
  get reader(): ContextReader {
    return this.store;
  }

  /** The Docker CLI's TLS files: one of the two key stores, SecretStorage the other. */
  get tlsFiles(): TlsKeyStore {
    return this.store.tlsFiles;
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
    if (!dockerCli && (this.dockerCli || !this.latest))
      this.log.warn('No docker command on PATH: terminals and scripts cannot use these contexts until Docker is installed.');
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

  /** Stores the tier in the context's metadata, or (null) clears it so settings and name rules decide. */
  async setTier(name: string, tier: Tier | null): Promise<ContextList> {
    await this.store.setTier(name, tier);
    this.log.info(`Tier of "${name}" ${tier ? `set to ${tier}` : 'cleared'}`);
    return this.refresh();
  }

  /** Creates a context as `docker context create` does; `keys`, when given, go to SecretStorage (never to disk). */
  async create(context: NewContext, keys?: TlsMaterial): Promise<ContextList> {
    await createContext(this.store, keys ? { ...context, keysIn: this.secrets.location } : context);
    if (keys) await this.secrets.save(await this.store.get(context.name), keys);
    return this.refresh();
  }

  /** Removes the context as `docker context rm` does, and its keys from SecretStorage. */
  async remove(name: string): Promise<ContextList> {
    await this.store.remove(name);
    await this.secrets.delete(name);
    this.log.info(`Removed context "${name}"`);
    return this.refresh();
  }

  /** Imports a read archive as `name`, its TLS keys into the key store `keysIn` names. */
  async importArchive(name: string, archive: ParsedArchive, options: { keysIn: KeysLocation; keepLaxerTier: boolean }): Promise<ImportResult> {
    const tlsTo = options.keysIn === this.secrets.location ? 'none' : 'store';
    const result = await importContextArchive(this.store, name, archive, { tlsTo, tierRules: this.settings.tierRules(), keepLaxerTier: options.keepLaxerTier });
    if (result.tls) await this.secrets.save(await this.store.get(name), result.tls);
    await this.refresh();
    return result;
  }

  /** Moves the context's TLS keys to the key store `to` names (moveTlsKeys.ts); `vacateSource` decides whether they leave the other. */
  async moveKeys(context: DockerContext, to: KeysLocation, vacateSource: () => Promise<boolean>): Promise<{ vacated: boolean }> {
    const [source, target] = to === this.secrets.location ? [this.store.tlsFiles, this.secrets] : [this.secrets, this.store.tlsFiles];
    const moved = await moveTlsKeys(this.store, context, { from: source, to: target, vacateSource });
    this.log.info(
      `Moved the TLS keys of "${context.name}" to ${target.describe(context.name)}${moved.vacated ? ` and deleted them from ${source.describe(context.name)}` : ` (kept in ${source.describe(context.name)})`}`,
    );
    await this.refresh();
    return moved;
  }

  /** Deletes the keys SecretStorage holds for these names (their contexts are gone or point elsewhere). */
  async deleteStoredKeys(names: readonly string[]): Promise<ContextList> {
    for (const name of names) await this.secrets.delete(name);
    this.log.info(`Deleted the stored TLS keys of ${names.map((name) => `"${name}"`).join(', ')}`);
    return this.refresh();
  }

  /**
   * Replaces the context's CA, client certificate and key (a rotation) where it keeps them: the
   * CLI's files for an exported context, SecretStorage otherwise; a CA key, if given, always goes
   * to SecretStorage (never to disk).
   */
  async replaceTlsMaterial(context: DockerContext, material: TlsMaterial): Promise<ContextList> {
    if (!context.keysInSecretStorage) await this.store.tlsFiles.write(context, material);
    if (context.keysInSecretStorage || material.caKeyPem) await this.secrets.save(context, material);
    return this.refresh();
  }

  /** Binds the context's stored keys to the endpoint it has now (the user agreed: storedKeysConsent.ts). */
  async rebindStoredKeys(context: DockerContext): Promise<ContextList> {
    await this.secrets.rebind(context);
    return this.refresh();
  }
}
