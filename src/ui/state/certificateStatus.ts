/**
 * What the TLS contexts' certificates say: the client certificate's and CA's details, and how
 * close the earlier of the two is to expiring (one figure, relativeDays.ts). The tree, the
 * status-bar tooltip and "Inspect Certificates" read it; a certificate within
 * `certificateExpiryWarningDays` (or expired) is announced until the user acknowledges it, and
 * again only at a later stage (expiryNotice.ts). Only node:crypto is used here (no node-forge at start-up).
 */
import * as vscode from 'vscode';

import { type CertificateDetails, describeCertificate } from '../../core/certificates/describeCertificate';
import { type AcknowledgementMemento, entryKey, ExpiryAcknowledgements, expiryStage } from '../../core/certificates/expiryNotice';
import { firstToExpire } from '../../core/certificates/firstExpiry';
import type { ContextList, ListedContext } from '../../core/contexts/contextList';
import { EngineError } from '../../core/engine/engineErrors';
import { secretKeysNotHere, type TlsMaterialSource } from '../../core/engine/tlsConnection';
import { DisposableStore } from '../../core/lifecycle';
import { daysUntil, relativeDays } from '../../core/text/relativeDays';
import type { Prompts } from '../prompts/prompts';
import type { ContextsModel } from './contextsModel';
import type { Settings } from './settings';

/** `unknown` when the certificates cannot be read here. */
export type ExpiryState = 'ok' | 'soon' | 'expired' | 'unknown';

export interface ContextCertificates {
  client: CertificateDetails | undefined;
  ca: CertificateDetails | undefined;
  /** Whole days until the first of the two expires (negative: expired), and the same in words ("in 3 days"). */
  daysLeft: number | undefined;
  expiresIn: string | undefined;
  /** The SHA-256 fingerprint of the one that expires first. */
  expiresFirst: string | undefined;
  expiry: ExpiryState;
  /** Why the certificates could not be read. */
  error: string | undefined;
  /** Set when stored keys are withheld (bound to another endpoint, or SkipTLSVerify): none of their details are shown. */
  withheld: 'keysBoundElsewhere' | 'keysUnverified' | undefined;
  /** SecretStorage holds the CA key: the client certificate and the CA can be rotated. */
  caKeyHeld: boolean;
}

const withheldReasons = ['keysBoundElsewhere', 'keysUnverified'] as const;

export class CertificateStatus extends DisposableStore {
  private readonly byContext = new Map<string, ContextCertificates>();
  /** Warnings on screen now (context, certificate and stage), so a refresh does not stack another. */
  private readonly showing = new Set<string>();
  private readonly acknowledgements: ExpiryAcknowledgements;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(
    model: ContextsModel,
    private readonly tls: TlsMaterialSource,
    private readonly settings: Settings,
    private readonly prompts: Prompts,
    acknowledged: AcknowledgementMemento,
    private readonly caKeyHeld: (contextName: string) => Promise<boolean>,
  ) {
    super();
    this.acknowledgements = new ExpiryAcknowledgements(acknowledged);
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
    const caKeyHeld = await this.caKeyHeld(context.name).catch(() => false);
    const empty: ContextCertificates = {
      client: undefined,
      ca: undefined,
      daysLeft: undefined,
      expiresIn: undefined,
      expiresFirst: undefined,
      expiry: 'unknown',
      error: undefined,
      withheld: undefined,
      caKeyHeld,
    };
    try {
      const material = await this.tls.read(context);
      const notHere = secretKeysNotHere(context, material);
      if (notHere) return { ...empty, error: notHere.message };
      const client = material?.certPem !== undefined ? describeCertificate(material.certPem) : undefined;
      const ca = material?.caPem !== undefined ? describeCertificate(material.caPem) : undefined;
      const first = firstToExpire([client, ca]);
      if (!first) return empty;
      const now = new Date();
      const daysLeft = daysUntil(first.notAfter, now);
      const expiry: ExpiryState = daysLeft < 0 ? 'expired' : daysLeft <= this.settings.expiryWarningDays() ? 'soon' : 'ok';
      return { ...empty, client, ca, daysLeft, expiresIn: relativeDays(first.notAfter, now), expiresFirst: first.fingerprintSha256, expiry };
    } catch (error) {
      const withheld = EngineError.is(error) ? withheldReasons.find((reason) => reason === error.reason) : undefined;
      return { ...empty, error: (error as Error).message, withheld };
    }
  }

  private announce(context: ListedContext, certificates: ContextCertificates): void {
    const { daysLeft, expiresFirst } = certificates;
    if (daysLeft === undefined || expiresFirst === undefined) return;
    const stage = expiryStage(daysLeft, this.settings.expiryWarningDays());
    const shown = `${entryKey(context.name, expiresFirst)}\n${stage}`;
    if (!stage || this.showing.has(shown) || !this.acknowledgements.isNews(context.name, expiresFirst, stage)) return;
    this.showing.add(shown);
    const text =
      stage === 'expired'
        ? `The TLS certificates of Docker context "${context.name}" expired ${certificates.expiresIn}: the engine will refuse them.`
        : `A TLS certificate of Docker context "${context.name}" expires ${certificates.expiresIn}.`;
    void this.prompts.notifyWithAction(text, 'Inspect Certificates', stage === 'expired' ? 'error' : 'warning').then(async (inspect) => {
      // Any answer, closing the notice included, acknowledges it.
      const current = new Set([...this.byContext].flatMap(([name, known]) => (known.expiresFirst ? [entryKey(name, known.expiresFirst)] : [])));
      await this.acknowledgements.acknowledge(context.name, expiresFirst, stage, current);
      this.showing.delete(shown);
      if (inspect) void vscode.commands.executeCommand('dockerContextGuard.inspectCertificates', context);
    });
  }
}
