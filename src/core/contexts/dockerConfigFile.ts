/**
 * The Docker CLI's config.json, of which this extension owns exactly one field: `currentContext`.
 * It is read as docker reads it (docker/cli cli/config: json.NewDecoder(file).Decode into
 * ConfigFile): the first JSON value only, the key matched under Go's case folding, the last
 * match winning. Everything else in it (auths, credsStore, proxies, plugins, unknown keys)
 * belongs to others and is kept byte for byte; a file that does not parse is reported and
 * never overwritten.
 */
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';

import { writeFileAtomic } from '../atomicFile';
import { setTopLevelString } from '../jsonMemberEdit';
import { ContextError } from './contextErrors';
import { type GoJsonObject, parseGoJson, structString } from './goJson';
import { readRegularFileSync } from './regularFile';
import { symlinkTarget } from './symlinkTarget';

export class MalformedConfigError extends ContextError {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super('malformedConfig', `${file} is not valid JSON (${reason}); fix or remove it: it was left unchanged`);
    this.name = 'MalformedConfigError';
  }
}

/** Far beyond any real config.json (credentials included); a bigger one is not read. */
const maxConfigBytes = 16 << 20;

export const currentContextKey = 'currentContext';

export interface ConfiguredContext {
  /** What docker reads ('' for the default context). */
  name: string;
  /** docker's warning when the stored value has the wrong type (it then keeps an earlier one, or ''). */
  warning: string | null;
}

export class DockerConfigFile {
  readonly file: string;

  constructor(readonly configDir: string) {
    this.file = path.join(configDir, 'config.json');
  }

  /** The file's text, or undefined when there is none yet (a FIFO or device is refused, never read). */
  private readText(): string | undefined {
    return readRegularFileSync(this.file, maxConfigBytes);
  }

  /** The top-level object as Go's decoder takes it, or undefined when docker sees no object (empty file, `null`). */
  private parse(text: string): GoJsonObject | undefined {
    let value;
    try {
      value = parseGoJson(text, 'ignore');
    } catch (error) {
      throw new MalformedConfigError(this.file, (error as Error).message);
    }
    if (value === undefined || value.kind === 'null') return undefined;
    if (value.kind !== 'object') throw new MalformedConfigError(this.file, 'the top level is not an object');
    return value;
  }

  /** `currentContext` as docker reads it, with docker's warning for a value of the wrong type. */
  async readConfiguredContext(): Promise<ConfiguredContext> {
    const text = this.readText();
    const object = text === undefined ? undefined : this.parse(text);
    if (!object) return { name: '', warning: null };
    const { value, typeError } = structString(object, currentContextKey, 'Go struct field ConfigFile');
    return { name: value ?? '', warning: typeError ? `${this.file}: ${typeError.message}` : null };
  }

  /** `currentContext` as docker reads it ('' and absent both mean the default context). */
  async readCurrentContext(): Promise<string> {
    return (await this.readConfiguredContext()).name;
  }

  /**
   * Stores `currentContext` like `docker context use` (the default context is stored as ''):
   * nothing is written when docker already reads that value (so `use default` needs no
   * config directory), every key docker takes for it gets the value, and a symlinked
   * config.json is written at the link's target, even a dangling one, as docker does.
   */
  async writeCurrentContext(name: string): Promise<void> {
    const text = this.readText() ?? '';
    let object: GoJsonObject | undefined;
    try {
      object = this.parse(text);
    } catch (error) {
      // docker reads such a file as no current context: `use default` has nothing to change.
      if (error instanceof MalformedConfigError && name === '') return;
      throw error;
    }
    if ((object ? (structString(object, currentContextKey, '').value ?? '') : '') === name) return;
    const updated = setTopLevelString(object ? text : '{}', currentContextKey, name);
    await mkdir(this.configDir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(symlinkTarget(this.file), updated, { mode: 0o600 });
  }
}
