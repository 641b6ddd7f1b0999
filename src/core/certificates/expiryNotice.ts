/**
 * When the certificate-expiry warning is shown again after the user acknowledged it: not for the
 * same certificate of the same context until its figure changes meaningfully, that is until it
 * reaches a later stage (the warning window, the last week, the last day, expired). A new
 * certificate (a rotation) is a new question. Acknowledgements live in a Memento (globalState),
 * so a window reload does not repeat them either.
 */
export type ExpiryStage = 'warning' | 'lastWeek' | 'lastDay' | 'expired';

const stages: readonly ExpiryStage[] = ['warning', 'lastWeek', 'lastDay', 'expired'];
const storageKey = 'dockerContextGuard.expiryAcknowledged';

/** The stage of a certificate with `daysLeft` whole days left (relativeDays.ts), or undefined before the warning window. */
export function expiryStage(daysLeft: number, warningDays: number): ExpiryStage | undefined {
  if (daysLeft < 0) return 'expired';
  if (daysLeft < 1) return 'lastDay';
  if (daysLeft > warningDays) return undefined;
  return daysLeft < 7 ? 'lastWeek' : 'warning';
}

/** The part of vscode.Memento used here. */
export interface AcknowledgementMemento {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

/** What the user has acknowledged: per context and certificate (its SHA-256 fingerprint), the latest stage. */
export class ExpiryAcknowledgements {
  constructor(private readonly memento: AcknowledgementMemento) {}

  /** Whether a warning at `stage` for this certificate is news to the user. */
  isNews(contextName: string, fingerprint: string, stage: ExpiryStage): boolean {
    const acknowledged = this.all()[entryKey(contextName, fingerprint)];
    return acknowledged === undefined || stages.indexOf(stage) > stages.indexOf(acknowledged);
  }

  /** Records the acknowledgement, keeping only the certificates in `current` (the others are gone or replaced). */
  async acknowledge(contextName: string, fingerprint: string, stage: ExpiryStage, current: ReadonlySet<string>): Promise<void> {
    const kept = Object.entries(this.all()).filter(([key]) => current.has(key));
    await this.memento.update(storageKey, Object.fromEntries([...kept, [entryKey(contextName, fingerprint), stage]]));
  }

  private all(): Record<string, ExpiryStage> {
    const stored = this.memento.get<unknown>(storageKey);
    if (typeof stored !== 'object' || stored === null) return {};
    return Object.fromEntries(Object.entries(stored).filter((entry): entry is [string, ExpiryStage] => stages.includes(entry[1] as ExpiryStage)));
  }
}

export function entryKey(contextName: string, fingerprint: string): string {
  return `${contextName}\n${fingerprint}`;
}
