/**
 * daemon.json with an authorization plugin added to, or taken from, `authorization-plugins`
 * (dockerd reloads that key on SIGHUP). Every other member is kept as dockerd wrote it; a file
 * that is no JSON object is refused rather than rewritten, and the original bytes are what a
 * rollback puts back (enforceOnHost.ts), not this edit reversed.
 */

const key = 'authorization-plugins';

export class DaemonJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DaemonJsonError';
  }
}

function parsed(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DaemonJsonError(`daemon.json is not JSON (${(error as Error).message}): it is left as it is`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new DaemonJsonError('daemon.json is not a JSON object: it is left as it is');
  return value as Record<string, unknown>;
}

/** The plugins daemon.json names in `authorization-plugins`. */
export function authorizationPluginsOf(text: string): string[] {
  const plugins = parsed(text)[key];
  if (plugins === undefined || plugins === null) return [];
  if (!Array.isArray(plugins) || !plugins.every((name) => typeof name === 'string'))
    throw new DaemonJsonError(`daemon.json's "${key}" is not a list of names: it is left as it is`);
  return plugins as string[];
}

/** `text` with `plugin` last in `authorization-plugins` (after those already there). */
export function withAuthorizationPlugin(text: string, plugin: string): string {
  const plugins = authorizationPluginsOf(text);
  if (plugins.includes(plugin)) return text;
  return `${JSON.stringify({ ...parsed(text), [key]: [...plugins, plugin] }, null, 2)}\n`;
}
