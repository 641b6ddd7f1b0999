/**
 * JSON read the way Go's encoding/json (v1, the Docker CLI's Go 1.24) reads it, because the
 * Docker CLI's own files must mean here what they mean to docker. JSON.parse cannot tell:
 *
 * - a Go struct field takes every key equal to its name under Go's case folding (`host`,
 *   `HOST`, even `hoſt` with U+017F and Kelvin's K for k), and the last one wins, where
 *   JSON.parse keeps "Host" and "host" apart and collapses duplicates at the first one's place;
 * - `null` leaves a string or bool field as it was, a value of the wrong type is skipped with
 *   an error reported after the rest is decoded;
 * - a Go map takes keys exactly, the last duplicate winning;
 * - json.Decoder (config.json) ignores whatever follows the first value, json.Unmarshal
 *   (meta.json) refuses it.
 *
 * So this reader keeps every member in order with its text offsets (for editing in place), and
 * the helpers below give what Go would decode into a field of a given type.
 */

export interface GoJsonMember {
  key: string;
  /** Offset of the key's opening quote (the member is text.slice(keyStart, value.end)). */
  keyStart: number;
  value: GoJsonNode;
}

interface Span {
  /** Offsets in the text: the value is text.slice(start, end). */
  start: number;
  end: number;
}

export type GoJsonNode = Span &
  (
    | { kind: 'object'; members: GoJsonMember[] }
    | { kind: 'array'; items: GoJsonNode[] }
    | { kind: 'string'; value: string }
    | { kind: 'number'; text: string }
    | { kind: 'boolean'; value: boolean }
    | { kind: 'null' }
  );

export type GoJsonObject = Extract<GoJsonNode, { kind: 'object' }>;

export class GoJsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'GoJsonSyntaxError';
  }
}

/** A value Go cannot store in the field it belongs to; Go decodes the rest and reports the first such error. */
export class GoJsonTypeError extends Error {
  constructor(node: GoJsonNode, where: string, type: string) {
    super(`json: cannot unmarshal ${goKindName(node)} into ${where} of type ${type}`);
    this.name = 'GoJsonTypeError';
  }
}

/**
 * Go's scanner refuses nesting deeper than 10,000 levels; this recursive reader stops at
 * 1,000 (no Docker file comes near either), so a hostile file ends in a syntax error, not a
 * stack overflow.
 */
export const maxNestingDepth = 1000;

/**
 * `text` as json.Unmarshal reads it (`trailing: 'reject'`: nothing but white space may follow
 * the value), or as json.Decoder.Decode reads it (`'ignore'`: the first value only, and
 * undefined for text that is empty or white space, which Decode reports as io.EOF).
 */
export function parseGoJson(text: string, trailing: 'reject'): GoJsonNode;
export function parseGoJson(text: string, trailing: 'ignore'): GoJsonNode | undefined;
export function parseGoJson(text: string, trailing: 'reject' | 'ignore'): GoJsonNode | undefined {
  const reader = new Reader(text);
  reader.skipSpace();
  if (trailing === 'ignore' && reader.atEnd()) return undefined;
  const value = reader.value(0);
  if (trailing === 'reject') {
    reader.skipSpace();
    if (!reader.atEnd()) throw reader.unexpected('after top-level value');
  }
  return value;
}

class Reader {
  private index = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.index >= this.text.length;
  }

  skipSpace(): void {
    while (this.index < this.text.length && ' \t\n\r'.includes(this.text[this.index])) this.index++;
  }

  unexpected(context: string): GoJsonSyntaxError {
    if (this.atEnd()) return new GoJsonSyntaxError('unexpected end of JSON input', this.index);
    return new GoJsonSyntaxError(`invalid character ${quoteChar(this.text[this.index])} ${context}`, this.index);
  }

  value(depth: number): GoJsonNode {
    const start = this.index;
    const char = this.text[this.index];
    if (char === '{' || char === '[') {
      if (depth >= maxNestingDepth) throw new GoJsonSyntaxError(`exceeded max depth (${maxNestingDepth} levels are read here, 10000 by Go)`, start);
      return char === '{' ? this.object(depth + 1) : this.array(depth + 1);
    }
    if (char === '"') return { kind: 'string', start, value: this.string(), end: this.index };
    if (char === '-' || (char >= '0' && char <= '9')) return { kind: 'number', start, text: this.number(), end: this.index };
    for (const [literal, node] of [
      ['true', { kind: 'boolean', value: true }],
      ['false', { kind: 'boolean', value: false }],
      ['null', { kind: 'null' }],
    ] as const) {
      if (char === literal[0]) {
        this.literal(literal);
        return { ...node, start, end: this.index };
      }
    }
    throw this.unexpected('looking for beginning of value');
  }

  private literal(word: string): void {
    for (const expected of word) {
      if (this.text[this.index] !== expected) throw this.unexpected(`in literal ${word} (expecting ${quoteChar(expected)})`);
      this.index++;
    }
  }

  private object(depth: number): GoJsonNode {
    const start = this.index;
    const members = this.sequence('}', 'after object key:value pair', () => {
      if (this.text[this.index] !== '"') throw this.unexpected('looking for beginning of object key string');
      const keyStart = this.index;
      const key = this.string();
      this.skipSpace();
      if (this.text[this.index] !== ':') throw this.unexpected('after object key');
      this.index++;
      this.skipSpace();
      return { key, keyStart, value: this.value(depth) };
    });
    return { kind: 'object', start, members, end: this.index };
  }

  private array(depth: number): GoJsonNode {
    const start = this.index;
    const items = this.sequence(']', 'after array element', () => this.value(depth));
    return { kind: 'array', start, items, end: this.index };
  }

  /** The comma-separated items between the opening character at `index` and `close`, the index left past `close`. */
  private sequence<T>(close: string, afterItem: string, item: () => T): T[] {
    this.index++;
    const items: T[] = [];
    this.skipSpace();
    if (this.text[this.index] === close) {
      this.index++;
      return items;
    }
    for (;;) {
      this.skipSpace();
      items.push(item());
      this.skipSpace();
      const next = this.text[this.index];
      this.index++;
      if (next === close) return items;
      if (next !== ',') {
        this.index--;
        throw this.unexpected(afterItem);
      }
    }
  }

  private number(): string {
    const match = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(this.text.slice(this.index, this.index + 1024));
    // What follows a valid prefix is judged by the caller (e.g. "01" fails at the "1").
    if (!match) {
      this.index++;
      throw this.unexpected('in numeric literal');
    }
    this.index += match[0].length;
    return match[0];
  }

  /** A string at `index` (the opening quote), decoded as Go decodes it: a lone surrogate escape becomes U+FFFD. */
  private string(): string {
    this.index++;
    let result = '';
    for (;;) {
      if (this.atEnd()) throw this.unexpected('in string literal');
      const char = this.text[this.index];
      if (char === '"') {
        this.index++;
        return result;
      }
      if (char < ' ') throw this.unexpected('in string literal');
      if (char !== '\\') {
        result += char;
        this.index++;
        continue;
      }
      this.index++;
      const escape = this.text[this.index];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (escape in simple) {
        result += simple[escape];
        this.index++;
      } else if (escape === 'u') {
        result += this.unicodeEscape();
      } else {
        throw this.unexpected('in string escape code');
      }
    }
  }

  private hex4(at: number): number | undefined {
    const digits = this.text.slice(at, at + 4);
    return /^[0-9a-fA-F]{4}$/.test(digits) ? parseInt(digits, 16) : undefined;
  }

  /** `\uXXXX` (the index is on the `u`), with a following low-surrogate escape joined as Go joins it. */
  private unicodeEscape(): string {
    const unit = this.hex4(this.index + 1);
    if (unit === undefined) {
      this.index++;
      while (/[0-9a-fA-F]/.test(this.text[this.index] ?? '')) this.index++;
      throw this.unexpected('in \\u hexadecimal character escape');
    }
    this.index += 5;
    if (unit < 0xd800 || unit > 0xdfff) return String.fromCharCode(unit);
    const low = this.text.startsWith('\\u', this.index) ? this.hex4(this.index + 2) : undefined;
    if (unit < 0xdc00 && low !== undefined && low >= 0xdc00 && low <= 0xdfff) {
      this.index += 6;
      return String.fromCharCode(unit, low);
    }
    return '\ufffd';
  }
}

function quoteChar(char: string): string {
  return char === "'" ? "'\\''" : `'${char}'`;
}

function goKindName(node: GoJsonNode): string {
  return node.kind === 'boolean' ? 'bool' : node.kind;
}

/**
 * `name` folded as Go's encoding/json folds struct field names (fold.go, foldName): ASCII
 * letters to upper case, and each other rune to the smallest of its simple case-folding
 * orbit. The only runes outside ASCII whose orbit holds an ASCII letter are U+017F (long s)
 * and U+212A (Kelvin sign), so for matching against a field's ASCII name that is all it takes.
 */
export function goFoldName(name: string): string {
  // Nearly every key is ASCII, where folding is upper-casing (the listing reads thousands of them).
  if (asciiOnly.test(name)) return name.toUpperCase();
  return name.replace(/[a-z\u017f\u212a]/g, (char) => (char === '\u017f' ? 'S' : char === '\u212a' ? 'K' : char.toUpperCase()));
}

// eslint-disable-next-line no-control-regex -- the whole ASCII range, controls included
const asciiOnly = /^[\u0000-\u007f]*$/;

/** The values Go offers a struct field named `field`, in order: every member whose key folds to its name. */
export function structFieldValues(object: GoJsonObject, field: string): GoJsonNode[] {
  const folded = goFoldName(field);
  return object.members.filter((member) => goFoldName(member.key) === folded).map((member) => member.value);
}

export interface FieldDecoding<T> {
  /** Undefined when no value of the field's type was given. */
  value: T | undefined;
  /** The first value of another type, which Go skips and reports once the rest is decoded. */
  typeError: GoJsonTypeError | undefined;
}

/** What Go leaves in a string struct field: the last string (null changes nothing). */
export function structString(object: GoJsonObject, field: string, where: string): FieldDecoding<string> {
  return structScalar(object, field, where, 'string', (node) => (node.kind === 'string' ? node.value : undefined));
}

/** What Go leaves in a bool struct field: the last true or false (null changes nothing). */
export function structBool(object: GoJsonObject, field: string, where: string): FieldDecoding<boolean> {
  return structScalar(object, field, where, 'bool', (node) => (node.kind === 'boolean' ? node.value : undefined));
}

function structScalar<T>(object: GoJsonObject, field: string, where: string, type: string, valueOf: (node: GoJsonNode) => T | undefined): FieldDecoding<T> {
  const decoding: FieldDecoding<T> = { value: undefined, typeError: undefined };
  for (const node of structFieldValues(object, field)) {
    const value = valueOf(node);
    if (value !== undefined) decoding.value = value;
    else if (node.kind !== 'null') decoding.typeError ??= new GoJsonTypeError(node, `${where}.${field}`, type);
  }
  return decoding;
}

/** The object as a Go map (`map[string]T`): keys exact, the last duplicate wins, in first-seen order. */
export function goMapEntries(object: GoJsonObject): Map<string, GoJsonNode> {
  const entries = new Map<string, GoJsonNode>();
  for (const { key, value } of object.members) entries.set(key, value);
  return entries;
}

/** The plain value Go decodes into `any` (maps for objects, last duplicate winning), as JSON.parse would give it. */
export function goAnyValue(node: GoJsonNode): unknown {
  switch (node.kind) {
    case 'object':
      // fromEntries defines own properties, so even a "__proto__" key stays data.
      return Object.fromEntries([...goMapEntries(node)].map(([key, value]) => [key, goAnyValue(value)]));
    case 'array':
      return node.items.map(goAnyValue);
    case 'number':
      return Number(node.text);
    case 'null':
      return null;
    default:
      return node.value;
  }
}
