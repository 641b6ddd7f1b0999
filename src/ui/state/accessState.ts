/**
 * What the window knows of access on each engine: the ledger of the certificates each CA issued
 * here (globalState, keyed by the CA's fingerprint: accessLedger.ts), where this window enabled
 * the authorization plugin (the SSH context that reaches the engine's host, and the plugin's
 * files there), and what each engine said of itself when last asked: the authorization plugins
 * `docker info` names and the role our own certificate has there. The engine is asked when a
 * context's Access node is shown after a health probe, and after each change made here, never at start-up.
 */
import * as vscode from 'vscode';

import { type LedgerEntry, parseLedger, withIssued, withRevoked } from '../../core/access/accessLedger';
import { authorizationPlugins } from '../../core/access/engineAuthorization';
import { readAccessCertificate } from '../../core/access/readAccessCertificate';
import type { ListedContext } from '../../core/contexts/contextList';
import { DisposableStore } from '../../core/lifecycle';
import type { CertificateStatus } from './certificateStatus';
import type { Engines } from './engines';

const ledgerKey = (caFingerprint: string) => `dockerContextGuard.accessLedger/${caFingerprint}`;
const enforcementKey = 'dockerContextGuard.accessEnforcement';

/** What an engine said of its access, when last asked. */
export interface EngineAccess {
  /** The authorization plugins it runs; empty: it enforces nothing. */
  plugins: string[];
  /** `docker info` does not list them yet: enabled here by a live reload, which Plugins.Authorization shows only after dockerd's next start. */
  sinceReload?: boolean;
  /** The role our client certificate has there (undefined: it names none, so the policy's default applies). */
  ownRole: string | undefined;
  /** Why the engine could not be asked. */
  error?: string;
}

/** Where this window enabled the plugin for a TLS context: through which SSH context, with which files on the host. */
export interface EnforcementRecord {
  sshContext: string;
  plugin: string;
  policyFile: string;
  auditFile: string;
  /** The words that run our CLI on the host (`node /path/cli.js`), for `authz revoke`. */
  cli: string[];
}

export class AccessState extends DisposableStore {
  private readonly engineAccess = new Map<string, EngineAccess | 'asking'>();
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly memento: vscode.Memento,
    private readonly engines: Engines,
    private readonly certificates: CertificateStatus,
  ) {
    super();
    // A probe answered (a refresh, the health schedule): what engines said of access is asked again when next shown.
    this.register(engines.onDidChangeHealth(() => this.engineAccess.clear()));
  }

  /** The CA the context's certificates chain to, by its SHA-256 fingerprint (undefined: not read yet, or not TLS). */
  caOf(context: ListedContext): string | undefined {
    return this.certificates.of(context.name)?.ca?.fingerprintSha256;
  }

  ledgerOf(context: ListedContext): LedgerEntry[] {
    const ca = this.caOf(context);
    return ca ? parseLedger(this.memento.get<unknown>(ledgerKey(ca))) : [];
  }

  async recordIssued(caFingerprint: string, entry: LedgerEntry): Promise<void> {
    await this.updateLedger(caFingerprint, (entries) => withIssued(entries, entry));
  }

  async recordRevoked(caFingerprint: string, serial: string, renewedBy?: string): Promise<void> {
    await this.updateLedger(caFingerprint, (entries) => withRevoked(entries, serial, new Date(), renewedBy));
  }

  private async updateLedger(caFingerprint: string, change: (entries: LedgerEntry[]) => LedgerEntry[]): Promise<void> {
    const key = ledgerKey(caFingerprint);
    await this.memento.update(key, change(parseLedger(this.memento.get<unknown>(key))));
    this.changed.fire();
  }

  enforcementOf(contextName: string): EnforcementRecord | undefined {
    return this.records()[contextName];
  }

  async recordEnforcement(contextName: string, record: EnforcementRecord | undefined): Promise<void> {
    const others = Object.fromEntries(Object.entries(this.records()).filter(([name]) => name !== contextName));
    await this.memento.update(enforcementKey, record ? { ...others, [contextName]: record } : others);
    this.changed.fire();
  }

  /** The plugin's audit file on the host an SSH context reaches, where this window enforced access through it. */
  auditFileVia(sshContext: string): string | undefined {
    return Object.values(this.records()).find((record) => record.sshContext === sshContext)?.auditFile;
  }

  private records(): Record<string, EnforcementRecord> {
    const stored = this.memento.get<unknown>(enforcementKey);
    return typeof stored === 'object' && stored !== null ? (stored as Record<string, EnforcementRecord>) : {};
  }

  /** What the engine said when last asked; undefined until it answered (asking it if nobody has). */
  engineAccessOf(context: ListedContext): EngineAccess | undefined {
    const known = this.engineAccess.get(context.name);
    if (known === undefined) void this.ask(context);
    return known === 'asking' ? undefined : known;
  }

  /** The role to name in the guard's question: only where the engine enforces it. */
  enforcedRoleOf(contextName: string): string | undefined {
    const known = this.engineAccess.get(contextName);
    return typeof known === 'object' && known.plugins.length > 0 ? (known.ownRole ?? 'the policy’s default role') : undefined;
  }

  /** Asks the engine again (after enabling or revoking here). */
  async ask(context: ListedContext): Promise<EngineAccess> {
    this.engineAccess.set(context.name, 'asking');
    const answer = await this.read(context);
    this.engineAccess.set(context.name, answer);
    this.changed.fire();
    return answer;
  }

  private async read(context: ListedContext): Promise<EngineAccess> {
    const ownRole = context.transport === 'tls' ? await this.ownRole(context) : undefined;
    try {
      const { api } = await this.engines.client(context);
      const listed = authorizationPlugins(await api.info());
      const enabledHere = this.enforcementOf(context.name)?.plugin;
      if (listed.length === 0 && enabledHere) return { plugins: [enabledHere], ownRole, sinceReload: true };
      return { plugins: listed, ownRole };
    } catch (error) {
      return { plugins: [], ownRole, error: (error as Error).message };
    }
  }

  /** The role our own client certificate of `context` names (undefined: none, or no certificate readable). */
  async ownRole(context: ListedContext): Promise<string | undefined> {
    const material = await this.engines.tlsMaterial.read(context).catch(() => undefined);
    if (!material?.certPem) return undefined;
    const reading = readAccessCertificate(material.certPem).role;
    return 'problem' in reading ? `none the engine accepts (${reading.problem})` : reading.role;
  }
}
