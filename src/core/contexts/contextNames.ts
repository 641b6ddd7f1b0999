/**
 * Context names as the Docker CLI validates and stores them: a name must match its regex, and a
 * context's files live in directories named after the SHA-256 of the name, so any name (even one
 * a shell would mangle) maps to a safe path.
 */
import { createHash } from 'node:crypto';

export const defaultContextName = 'default';

/** The Docker CLI's own rule (docker/cli cli/context/store: restrictedNamePattern). */
export const contextNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$/;

/** Why `name` cannot name a new context, or undefined when it can. */
export function contextNameProblem(name: string): string | undefined {
  if (name === defaultContextName) return `"${defaultContextName}" is the implicit context and cannot be created or changed`;
  if (!contextNamePattern.test(name)) {
    return `context name "${name}" is invalid, names are validated against regexp "${contextNamePattern.source}"`;
  }
  return undefined;
}

/** The directory name docker/cli stores a context under: hex SHA-256 of its name. */
export function contextDirName(name: string): string {
  return createHash('sha256').update(name, 'utf8').digest('hex');
}
