/**
 * The single entry point every mutating engine action passes through, from the UI and (later)
 * from the terminal: it asks the policy whether to go ahead, and only then performs the action.
 * Keeping it one function is what lets a test prove that no mutating command bypasses it.
 */
import type { ListedContext } from '../contexts/contextList';

export type OperationClass = 'read' | 'mutate' | 'destroy';

export interface GuardRequest {
  /** The engine the action goes to. */
  context: ListedContext;
  /** What is done, as the Docker CLI would say it: `container stop`, `image rm`, `volume prune`… */
  operation: string;
  operationClass: OperationClass;
  /** What it hits: container names, image tags… (for a prune, what would be removed). */
  targets: string[];
  source: 'ui' | 'terminal';
}

/** Decides whether a request may go ahead (asking the user if it must). */
export type GuardPolicy = (request: GuardRequest) => Promise<boolean>;

export const allowEverything: GuardPolicy = async () => true;

export class GuardDeclined extends Error {
  constructor(readonly request: GuardRequest) {
    super(`${request.operation} on "${request.context.name}" was not confirmed`);
    this.name = 'GuardDeclined';
  }
}

export class Guard {
  /** Every request seen, newest last (kept short): what tests and the audit trail read. */
  readonly recent: GuardRequest[] = [];

  constructor(private readonly policy: GuardPolicy = allowEverything) {}

  /** Runs `perform` if the policy allows `request`; otherwise throws GuardDeclined and performs nothing. */
  async run<T>(request: GuardRequest, perform: () => Promise<T>): Promise<T> {
    this.recent.push(request);
    if (this.recent.length > 100) this.recent.shift();
    if (!(await this.policy(request))) throw new GuardDeclined(request);
    return perform();
  }
}
