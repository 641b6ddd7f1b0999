/** How long a connection may take to answer, and how long any request may stay silent. */
export interface EngineTimeouts {
  /** Until the engine's first response (connect, TLS or SSH handshake included). */
  connectMs: number;
  /** Silence allowed on an established request before it is abandoned. */
  requestMs: number;
}

export const defaultEngineTimeouts: EngineTimeouts = { connectMs: 5000, requestMs: 30_000 };

/**
 * How long a health probe (connect, ping and version) may take, end to end: the connect timeout.
 * The sidebar and `ping` both wait this long, and both name this figure when it runs out.
 */
export function probeTimeoutMs(timeouts: Pick<EngineTimeouts, 'connectMs'>): number {
  return timeouts.connectMs;
}

/** A duration for messages: "5 s", "1.5 s". */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
}
