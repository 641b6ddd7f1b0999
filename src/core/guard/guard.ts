/**
 * The single entry point every mutating engine action passes through, from the UI and from the
 * terminal (src/shim.ts): it asks the policy whether to go ahead, and only then performs the
 * action. Keeping it one function is what lets a test prove that no mutating command bypasses
 * it, and what lets the audit trail see every outcome — declined, done or failed — in one place.
 */
import type { ListedContext } from '../contexts/contextList';

export type OperationClass = 'read' | 'mutate' | 'destroy';

/** Where a request came from: the sidebar, a `docker` command line, the engine gateway's socket, or an AI agent's tool. */
export type RequestSource = 'ui' | 'terminal' | 'gateway' | 'agent';

/** The Engine API request behind a gateway request, as the audit log names it (the path without its query). */
export interface ApiRequestRef {
  method: string;
  path: string;
}

export interface GuardRequest {
  /** The engine the action goes to. */
  context: ListedContext;
  /** What is done, as the Docker CLI would say it: `container stop`, `image rm`, `volume prune`… */
  operation: string;
  operationClass: OperationClass;
  /** What it hits: container names, image tags… (for a prune, what would be removed). */
  targets: string[];
  /** How the container it makes is handed the host (`--privileged`, `bind of /`…): asked like a destroy. */
  hostAccess?: string[];
  /** The targets it kills because they run (a running container removed with force): the question says so. */
  kills?: string[];
  source: RequestSource;
  /** The agent's tool that asked (source `agent`). */
  tool?: string;
  /** The Engine API request (source `gateway`). */
  api?: ApiRequestRef;
}

/** How a request that needed a confirmation got it. */
export type ConfirmationMethod =
  /** y at a y/N question (or a button in a modal). */
  | 'answer'
  /** The context's name, typed. */
  | 'typedName'
  /** DOCKER_GUARD_CONFIRM named the context (a terminal without a TTY). */
  | 'environment'
  /** The same operation was confirmed on the same context moments ago (GuardSettings.graceSeconds). */
  | 'grace'
  /** No one could be asked (an agent over MCP): the open elevation a person opened, with a reason, stands for the question. */
  | 'elevation'
  /** The person allowed changes on this context for a few minutes (the gateway's question in VS Code). */
  | 'allowance';

/** The elevation a request went ahead inside (elevations.ts), as the audit log names it. */
export interface ElevationRef {
  id: string;
  reason: string;
}

export interface GuardDecision {
  allowed: boolean;
  /** Absent when no confirmation was needed. */
  confirmedBy?: ConfirmationMethod;
  /** Not allowed, and no one was asked: the context is read-only (production, not elevated). */
  refused?: 'readOnly';
  elevation?: ElevationRef;
}

/** Decides whether a request may go ahead (asking the user if it must). */
export type GuardPolicy = (request: GuardRequest) => Promise<boolean | GuardDecision>;

export type GuardOutcome = 'done' | 'declined' | 'failed';

/** What happened to one request; a policy that throws counts as declined (nothing was performed). */
export interface GuardSettled {
  request: GuardRequest;
  outcome: GuardOutcome;
  confirmedBy?: ConfirmationMethod;
  elevation?: ElevationRef;
  error?: unknown;
  /** The status code the engine answered with (requests the gateway forwarded). */
  engineStatus?: number;
}

/** What `perform` resolves to, or throws, when the engine answered with a status code (the gateway's requests). */
export interface EngineAnswer {
  engineStatus: number;
}

function engineStatusOf(value: unknown): { engineStatus?: number } {
  const status = (value as Partial<EngineAnswer> | null | undefined)?.engineStatus;
  return typeof status === 'number' ? { engineStatus: status } : {};
}

/** Told about every settled request (auditRecord.ts's auditObserver keeps the ones worth keeping). Must not throw. */
export type GuardObserver = (settled: GuardSettled) => void;

export class GuardDeclined extends Error {
  constructor(readonly request: GuardRequest) {
    super(`${request.operation} on "${request.context.name}" was not confirmed`);
    this.name = 'GuardDeclined';
  }
}

/**
 * Declined without asking: the context is read-only until someone opens write access. Callers
 * that stay silent on a plain decline (the person said no) must say this one.
 */
export class GuardRefused extends GuardDeclined {
  constructor(request: GuardRequest) {
    super(request);
    this.message = readOnlyRefusal(request);
    this.name = 'GuardRefused';
  }
}

/** One line: which context, which operation, and how to open write access. */
export function readOnlyRefusal({ context, operation }: GuardRequest): string {
  return `"${context.name}" is production and read-only: ${operation} was refused. Open write access for a while, with a reason: "Elevate Write Access…" in VS Code, or docker guard elevate ${context.name} --for 15m --reason "…"`;
}

export class Guard {
  /** Every request seen, newest last (kept short): what tests read. */
  readonly recent: GuardRequest[] = [];

  constructor(
    // Required: a guard with no policy given must not quietly allow everything.
    private readonly policy: GuardPolicy,
    private readonly observe: GuardObserver = () => undefined,
  ) {}

  /** Runs `perform` if the policy allows `request`; otherwise throws GuardDeclined and performs nothing. */
  async run<T>(request: GuardRequest, perform: () => Promise<T>): Promise<T> {
    this.recent.push(request);
    if (this.recent.length > 100) this.recent.shift();
    let decision: GuardDecision;
    try {
      const answer = await this.policy(request);
      decision = typeof answer === 'boolean' ? { allowed: answer } : answer;
    } catch (error) {
      this.observe({ request, outcome: 'declined', error });
      throw error;
    }
    const { confirmedBy, elevation } = decision;
    if (!decision.allowed) {
      const refused = decision.refused ? new GuardRefused(request) : undefined;
      this.observe({ request, outcome: 'declined', confirmedBy, ...(refused && { error: refused }) });
      throw refused ?? new GuardDeclined(request);
    }
    try {
      const result = await perform();
      this.observe({ request, outcome: 'done', confirmedBy, elevation, ...engineStatusOf(result) });
      return result;
    } catch (error) {
      this.observe({ request, outcome: 'failed', confirmedBy, elevation, error, ...engineStatusOf(error) });
      throw error;
    }
  }
}
