/**
 * The Go-compatible JSON reader. Where Go and JavaScript agree (which texts are JSON, and the
 * value of `any`, where both take the last duplicate), JSON.parse is the oracle over a corpus
 * of generated and mutated texts; where they differ (struct fields, null, trailing data) the
 * cases follow encoding/json's rules, and test/engines/dockerFilesOracle.test.ts checks the
 * same cases against the Docker CLI itself.
 */
import * as assert from 'node:assert/strict';

import {
  goAnyValue,
  goFoldName,
  type GoJsonObject,
  GoJsonSyntaxError,
  maxNestingDepth,
  parseGoJson,
  structBool,
  structString,
} from '../../../src/core/contexts/goJson';

/** A small deterministic generator, so a failure names a reproducible case. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pieces = ['"a"', '"Host"', '"host"', '"\\u00e9\\n\\"\\\\"', '"\\ud83d\\ude00"', '0', '-1.5e+3', '12345678901234567890', 'true', 'false', 'null', '""'];

function generate(next: () => number, depth = 0): string {
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)];
  const space = () => pick(['', ' ', '\n\t', '\r\n  ']);
  if (depth > 3 || next() < 0.4) return pick(pieces);
  const count = Math.floor(next() * 4);
  const items = Array.from({ length: count }, () => generate(next, depth + 1));
  if (next() < 0.5) return `[${space()}${items.join(`${space()},${space()}`)}${space()}]`;
  return `{${space()}${items.map((item) => `${pick(['"a"', '"b"', '"Host"', '"host"', '"__proto__"'])}${space()}:${space()}${item}`).join(',')}${space()}}`;
}

function mutate(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const insert = ['', ',', '}', ']', '"', ':', '0', 'x', '\\', ' ', '\u0001', '\ufeff', '-', '.', 'e'][Math.floor(next() * 15)];
  const remove = next() < 0.5 ? 1 : 0;
  return text.slice(0, at) + insert + text.slice(at + remove);
}

/** JSON.parse's value with each lone surrogate as U+FFFD, which is what Go makes of one (see below). */
function wellFormed(value: unknown): unknown {
  const fix = (text: string) => text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  if (typeof value === 'string') return fix(value);
  if (Array.isArray(value)) return value.map(wellFormed);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [fix(key), wellFormed(item)]));
  return value;
}

const jsParse = (text: string) => {
  try {
    return { ok: true as const, value: wellFormed(JSON.parse(text)) };
  } catch {
    return { ok: false as const };
  }
};

const goParse = (text: string) => {
  try {
    return { ok: true as const, value: goAnyValue(parseGoJson(text, 'reject')) };
  } catch (error) {
    assert.ok(error instanceof GoJsonSyntaxError, `${JSON.stringify(text)}: ${(error as Error).stack}`);
    return { ok: false as const };
  }
};

const object = (text: string) => parseGoJson(text, 'reject') as GoJsonObject;

describe('goJson (JSON as Go encoding/json reads it)', () => {
  it('accepts and refuses what JSON.parse does, with the same values, over 20,000 generated and mutated texts', () => {
    const next = random(20260901);
    let refused = 0;
    for (let index = 0; index < 20000; index++) {
      const valid = generate(next);
      const text = index % 2 === 0 ? valid : mutate(mutate(valid, next), next);
      const [js, go] = [jsParse(text), goParse(text)];
      assert.equal(go.ok, js.ok, `accepts ${JSON.stringify(text)}`);
      if (js.ok && go.ok) assert.deepEqual(go.value, js.value, JSON.stringify(text));
      else refused++;
    }
    assert.ok(refused > 3000, `the mutations produce refusals (${refused})`);
  });

  it('refuses a byte-order mark, as Go does (JSON.parse too)', () => {
    assert.throws(() => parseGoJson('\ufeff{}', 'reject'), /invalid character/);
    assert.throws(() => parseGoJson('\ufeff{}', 'ignore'), /invalid character/);
  });

  it('Decode (trailing: ignore) takes the first value only; Unmarshal (reject) refuses what follows', () => {
    assert.deepEqual(goAnyValue(parseGoJson('{"a":1} {"a":2}', 'ignore')!), { a: 1 });
    assert.deepEqual(goAnyValue(parseGoJson('{"a":1} garbage', 'ignore')!), { a: 1 });
    assert.throws(() => parseGoJson('{"a":1} {"a":2}', 'reject'), /after top-level value/);
    assert.equal(parseGoJson(' \n\t', 'ignore'), undefined);
    assert.throws(() => parseGoJson(' ', 'reject'), /unexpected end of JSON input/);
    // The first value must still be complete and valid.
    assert.throws(() => parseGoJson('{"a":1', 'ignore'), GoJsonSyntaxError);
  });

  it('turns a lone surrogate escape into U+FFFD and joins a pair, as Go does', () => {
    assert.equal(goAnyValue(parseGoJson('"\\ud800x"', 'reject')), '\ufffdx');
    assert.equal(goAnyValue(parseGoJson('"\\udc00"', 'reject')), '\ufffd');
    assert.equal(goAnyValue(parseGoJson('"\\ud83d\\ude00"', 'reject')), '\u{1f600}');
  });

  it('refuses deep nesting with a syntax error (Go at 10,000 levels, this reader at 1,000), never a stack overflow', () => {
    const nested = (depth: number) => `${'[{"a":'.repeat(depth / 2)}1${'}]'.repeat(depth / 2)}`;
    assert.doesNotThrow(() => parseGoJson(nested(maxNestingDepth), 'reject'));
    assert.throws(() => parseGoJson(nested(maxNestingDepth + 2), 'reject'), /exceeded max depth/);
    assert.throws(() => parseGoJson('['.repeat(200000), 'reject'), /exceeded max depth/);
  });

  it("keeps each member's offsets, so a value can be replaced in place", () => {
    const text = '{ "a" : [1, 2] , "b":"x" }';
    const { members } = object(text);
    assert.deepEqual(
      members.map(({ key, value }) => [key, text.slice(value.start, value.end)]),
      [
        ['a', '[1, 2]'],
        ['b', '"x"'],
      ],
    );
  });

  it("folds names as Go's foldName: ASCII case, long s and the Kelvin sign; nothing else outside ASCII", () => {
    assert.equal(goFoldName('currentContext'), 'CURRENTCONTEXT');
    assert.equal(goFoldName('ho\u017ft'), 'HOST');
    assert.equal(goFoldName('\u212Aey'), 'KEY');
    assert.notEqual(goFoldName('Sk\u0131pTLSVerify'), goFoldName('SkipTLSVerify'));
    assert.notEqual(goFoldName('Sk\u0130pTLSVerify'), goFoldName('SkipTLSVerify'));
    assert.notEqual(goFoldName('Hösť'), goFoldName('Host'));
  });

  it('gives a string field the last string of any key folding to its name; null changes nothing; another type is an error', () => {
    const field = (text: string) => structString(object(text), 'Host', 'Go struct field EndpointMetaBase');
    assert.equal(field('{"Host":"a","host":"b"}').value, 'b');
    assert.equal(field('{"host":"b","Host":"a"}').value, 'a');
    assert.equal(field('{"Host":"a","HO\u017fT":"b"}').value, 'b');
    assert.equal(field('{"Host":"a","host":null}').value, 'a');
    assert.equal(field('{"other":"a"}').value, undefined);
    const mistyped = field('{"Host":"a","host":5}');
    assert.equal(mistyped.value, 'a');
    assert.match(mistyped.typeError?.message ?? '', /cannot unmarshal number into Go struct field EndpointMetaBase.Host of type string/);
    assert.equal(field('{"Host":5,"host":"b"}').value, 'b');
    const flag = structBool(object('{"SkipTLSVerify":true,"skiptlsverify":false,"S\u212AIPTLSVERIFY":null}'), 'SkipTLSVerify', 'x');
    assert.deepEqual([flag.value, flag.typeError], [false, undefined]);
  });
});
