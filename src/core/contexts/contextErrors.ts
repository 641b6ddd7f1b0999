/**
 * Context-level failures a caller can tell apart, as EngineError does for engines: a UI command
 * offers "Use it instead" for `exists`, re-asks the name for `invalidName`, refreshes for
 * `notFound`, opens the file for `malformedConfig` — by reason, never by matching words.
 */
export type ContextErrorReason =
  /** A context of that name is already in the store. */
  | 'exists'
  /** Docker's name rule refuses it (or it is `default`). */
  | 'invalidName'
  /** No context of that name. */
  | 'notFound'
  /** The implicit default context has no meta.json: it cannot be removed or exported. */
  | 'implicitDefault'
  /** config.json does not parse as docker reads it. */
  | 'malformedConfig'
  /** Docker would refuse to use or write it as stored (an unreadable file, no endpoint…). */
  | 'unusable';

export class ContextError extends Error {
  constructor(
    readonly reason: ContextErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ContextError';
  }

  static is(error: unknown, reason?: ContextErrorReason): error is ContextError {
    return error instanceof ContextError && (reason === undefined || error.reason === reason);
  }
}
