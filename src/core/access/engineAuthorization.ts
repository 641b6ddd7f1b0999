/**
 * Whether an engine enforces access, as it says itself: `docker info` lists the authorization
 * plugins dockerd passes every request to (`Plugins.Authorization`, null or absent when none).
 * An engine with one judges each request by the client certificate it came with, whatever tool
 * sent it; one without trusts every certificate its CA signed.
 */

/** The authorization plugins an engine's `/info` answer names, in its order; empty when it enforces nothing. */
export function authorizationPlugins(info: unknown): string[] {
  const plugins = (info as { Plugins?: { Authorization?: unknown } } | null)?.Plugins;
  const named = plugins?.Authorization;
  return Array.isArray(named) ? named.filter((name): name is string => typeof name === 'string' && name !== '') : [];
}
