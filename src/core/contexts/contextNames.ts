/**
 * Context names as the Docker CLI checks them (docker/cli cli/context/store ValidateContextName,
 * and `docker context create`'s check that the name is free), in docker's own words: the one
 * check behind every prompt, the CLI and imports. A context's files live in directories named
 * after the SHA-256 of the name, so any name (even one a shell would mangle) maps to a safe path.
 */
import { createHash } from 'node:crypto';
import { lstat } from 'node:fs/promises';

import { goQuote } from '../text/goQuote';
import { ContextError } from './contextErrors';
import type { ContextReader } from './contextStore';

export const defaultContextName = 'default';

/** The Docker CLI's own rule (docker/cli cli/context/store: restrictedNamePattern). */
export const contextNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$/;

/** Why docker refuses `name` as a context name (empty, reserved, or against its regex), or undefined. */
export function contextNameProblem(name: string): string | undefined {
  if (name === '') return 'context name cannot be empty';
  if (name === defaultContextName) return `"${defaultContextName}" is a reserved context name`;
  if (!contextNamePattern.test(name))
    return `context name ${goQuote(name)} is invalid, names are validated against regexp ${goQuote(contextNamePattern.source)}`;
  return undefined;
}

/**
 * Why `name` cannot name a new context, as `docker context create` refuses it: an invalid name,
 * or one whose meta.json is there (even unreadable: docker refuses to write over it too).
 */
export async function newContextNameProblem(store: Pick<ContextReader, 'get' | 'metaFileOf'>, name: string): Promise<ContextError | undefined> {
  const problem = contextNameProblem(name);
  if (problem) return new ContextError('invalidName', problem);
  const taken = await lstat(store.metaFileOf(name)).then(
    () => true,
    () => false,
  );
  return taken ? new ContextError('exists', `context ${goQuote(name)} already exists`) : undefined;
}

/** Throws newContextNameProblem's ContextError unless `name` can name a new context. */
export async function checkNewContextName(store: Pick<ContextReader, 'get' | 'metaFileOf'>, name: string): Promise<void> {
  const problem = await newContextNameProblem(store, name);
  if (problem) throw problem;
}

/**
 * A name to offer for a new context, from `wanted` (an archive's name, a file's): docker's
 * characters only, then the first of `wanted`, `wanted-2`, `wanted-3`… that is free.
 */
export async function suggestContextName(store: Pick<ContextReader, 'get' | 'metaFileOf'>, wanted: string): Promise<string> {
  const base = wanted.replace(/[^a-zA-Z0-9_.+-]+/g, '-').replace(/^[^a-zA-Z0-9]+/, '') || 'context';
  for (let suffix = 1; ; suffix++) {
    const candidate = suffix === 1 ? base : `${base}-${suffix}`;
    if (!(await newContextNameProblem(store, candidate))) return candidate;
  }
}

/** The directory name docker/cli stores a context under: hex SHA-256 of its name. */
export function contextDirName(name: string): string {
  return createHash('sha256').update(name, 'utf8').digest('hex');
}
