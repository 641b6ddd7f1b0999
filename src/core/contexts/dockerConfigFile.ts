/**
 * The Docker CLI's config.json, of which this extension owns exactly one field: `currentContext`.
 * Everything else in it (auths, credsStore, proxies, plugins, unknown keys) belongs to others and
 * is kept byte for byte; a file that does not parse is reported and never overwritten.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { writeFileAtomic } from '../atomicFile';
import { setTopLevelString } from '../jsonMemberEdit';

export class MalformedConfigError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`${file} is not valid JSON (${reason}); fix or remove it: it was left unchanged`);
    this.name = 'MalformedConfigError';
  }
}

export class DockerConfigFile {
  readonly file: string;

  constructor(configDir: string) {
    this.file = path.join(configDir, 'config.json');
  }

  /** The file's text, or undefined when there is none yet. */
  private async readText(): Promise<string | undefined> {
    try {
      return await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  private parse(text: string): Record<string, unknown> {
    let parsed: unknown;
    try {
      parsed = text.trim() === '' ? {} : JSON.parse(text);
    } catch (error) {
      throw new MalformedConfigError(this.file, (error as Error).message);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new MalformedConfigError(this.file, 'the top level is not an object');
    }
    return parsed as Record<string, unknown>;
  }

  /** `currentContext` as stored ('' and absent both mean the default context). */
  async readCurrentContext(): Promise<string> {
    const text = await this.readText();
    if (text === undefined) return '';
    const value = this.parse(text).currentContext;
    return typeof value === 'string' ? value : '';
  }

  /** Stores `currentContext` like `docker context use` (the default context is stored as ''). */
  async writeCurrentContext(name: string): Promise<void> {
    const text = (await this.readText()) ?? '';
    if (text.trim() !== '') this.parse(text);
    const updated = setTopLevelString(text.trim() === '' ? '{}' : text, 'currentContext', name);
    await writeFileAtomic(this.file, updated, 0o600);
  }
}
