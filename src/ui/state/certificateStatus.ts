/**
 * What the TLS contexts' certificates say: the client certificate's and CA's details, and how
 * close the earlier of the two is to expiring. The tree, the status-bar tooltip and "Inspect
 * Certificates" read it; a certificate within `certificateExpiryWarningDays` (or expired) is
 * announced once per session. Only node:crypto is used here (no node-forge at start-up).
 */
import * as vscode from 'vscode';
import { describeCertificate, type CertificateDetails } from '../../core/certificates/describeCertificate';
import type { ContextList, ListedContext } from '../../core/contexts/contextList';
import { EngineError } from '../../core/engine/engineErrors';
import { secretKeysNotHere, type TlsMaterialSource } from '../../core/engine/tlsConnection';
import { DisposableStore } from '../../core/lifecycle';
import type { ContextsModel } from './contextsModel';
import type { Settings } from './settings';
import { messageText } from '../../core/text/foreignText';

/** `unknown` when the certificates cannot be read here. */
export type ExpiryState = 'ok' | 'soon' | 'expired' | 'unknown';

export interface ContextCertificates {
  client: CertificateDetails | undefined;
  ca: CertificateDetails | undefined;
  /** Days until the first of the two expires (negative: expired). */
  daysLeft: number | undefined;
  expiry: ExpiryState;
  /** Why the certificates could not be read. */
  error: string | undefined;
  /** Set when stored keys are withheld (bound to another endpoint, or SkipTLSVerify): none of their details are shown. */
  withheld: 'keysBoundElsewhere' | 'keysUnverified' | undefined;
}

const dayMs = 86_400_000;
const withheldReasons = ['keysBoundElsewhere', 'keysUnverified'] as const;

export class CertificateStatus extends DisposableStore {
  private readonly byContext = new Map<string, ContextCertificates>();
  private readonly announced = new Set<string>();
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(
    model: ContextsModel,
    private readonly tls: TlsMaterialSource,
    private readonly settings: Settings,
  ) {
    super();
    this.register(model.onDidChange((list) => void this.update(list)));
  }

  of(contextName: string): ContextCertificates | undefined {
    return this.byContext.get(contextName);
  }

  private async update(list: ContextList): Promise<void> {
    const tlsContexts = list.contexts.filter((context) => context.transport === 'tls' && !context.error);
    const results = await Promise.all(tlsContexts.map(async (context) => [context, await this.read(context)] as const));
    this.byContext.clear();
    for (const [context, certificates] of results) {
      this.byContext.set(context.name, certificates);
      this.announce(context, certificates);
    }
    this.changed.fire();
  }

  private async read(context: ListedContext): Promise<ContextCertificates> {
    const empty: ContextCertificates = { client: undefined, ca: undefined, daysLeft: undefined, expiry: 'unknown', error: undefined, withheld: undefined };
    try {
      const material = await this.tls.read(context);
      const notHere = secretKeysNotHere(context, material);
      if (notHere) return { ...empty, error: notHere.message };
      const client = material?.certPem !== undefined ? describeCertificate(material.certPem) : undefined;
      const ca = material?.caPem !== undefined ? describeCertificate(material.caPem) : undefined;
      const ends = [client, ca].filter((details) => details !== undefined).map((details) => Date.parse(details.notAfter));
      if (ends.length === 0) return empty;
      const daysLeft = Math.floor((Math.min(...ends) - Date.now()) / dayMs);
      const expiry: ExpiryState = daysLeft < 0 ? 'expired' : daysLeft <= this.settings.expiryWarningDays() ? 'soon' : 'ok';
      return { client, ca, daysLeft, expiry, error: undefined, withheld: undefined };
    } catch (error) {
      const withheld = EngineError.is(error) ? withheldReasons.find((reason) => reason === error.reason) : undefined;
      return { ...empty, error: (error as Error).message, withheld };
    }
  }

  private announce(context: ListedContext, certificates: ContextCertificates): void {
    if ((certificates.expiry !== 'expired' && certificates.expiry !== 'soon') || this.announced.has(context.name)) return;
    this.announced.add(context.name);
    const text =
      certificates.expiry === 'expired'
        ? `The TLS certificates of Docker context "${context.name}" have expired: the engine will refuse them.`
        : `A TLS certificate of Docker context "${context.name}" expires in ${certificates.daysLeft} days.`;
    const shown = certificates.expiry === 'expired' ? vscode.window.showErrorMessage(messageText(text), 'Inspect Certificates') : vscode.window.showWarningMessage(messageText(text), 'Inspect Certificates');
    void shown.then((choice) => {
      if (choice) void vscode.commands.executeCommand('dockerContextGuard.inspectCertificates', context);
    });
  }
}
