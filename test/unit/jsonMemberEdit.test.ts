import * as assert from 'node:assert/strict';

import { setTopLevelString } from '../../src/core/jsonMemberEdit';

describe('setTopLevelString (config.json edits)', () => {
  it('replaces an existing member and leaves every other byte alone', () => {
    const text =
      '{\n\t"auths": {"r.example": {"auth": "c2VjcmV0"}},\n\t"currentContext": "old",\n\t"big": 12345678901234567890,\n\t"x": [1, {"currentContext": "nested"}]\n}\n';
    const updated = setTopLevelString(text, 'currentContext', 'new');
    assert.equal(updated, text.replace('"currentContext": "old"', '"currentContext": "new"'));
  });

  it("adds the member first, in the file's own indentation, when it is absent", () => {
    const text = '{\n  "credsStore": "pass",\n  "z": {"a": "}"}\n}';
    const updated = setTopLevelString(text, 'currentContext', 'prod');
    assert.equal(updated, '{\n  "currentContext": "prod",\n  "credsStore": "pass",\n  "z": {"a": "}"}\n}');
    assert.deepEqual(JSON.parse(updated), { currentContext: 'prod', credsStore: 'pass', z: { a: '}' } });
  });

  it('handles an empty object and escapes the value', () => {
    assert.deepEqual(JSON.parse(setTopLevelString('{}', 'currentContext', 'a"b\\c')), { currentContext: 'a"b\\c' });
    assert.deepEqual(JSON.parse(setTopLevelString(' { } ', 'currentContext', '')), { currentContext: '' });
  });

  it('handles strings with escaped quotes and braces before the member', () => {
    const text = '{"a": "x\\"}{", "currentContext": "old", "b": [[], {}, "]"]}';
    assert.deepEqual(JSON.parse(setTopLevelString(text, 'currentContext', 'n')), { a: 'x"}{', currentContext: 'n', b: [[], {}, ']'] });
  });

  it('sets every key Go takes for the field (any case, duplicates), so docker (the last) and exact-key readers agree', () => {
    const text = '{"CurrentContext":"a","x":1,"currentcontext":null,"currentContext":5}';
    assert.equal(setTopLevelString(text, 'currentContext', 'n'), '{"CurrentContext":"n","x":1,"currentcontext":"n","currentContext":"n"}');
  });

  it('edits the first value only and keeps whatever follows it, which docker ignores', () => {
    assert.equal(
      setTopLevelString('{"currentContext":"a"} {"currentContext":"b"}\ngarbage', 'currentContext', 'n'),
      '{"currentContext":"n"} {"currentContext":"b"}\ngarbage',
    );
    assert.equal(setTopLevelString('{} trailing', 'currentContext', 'n'), '{\n\t"currentContext": "n"\n} trailing');
  });

  it('refuses text that is not a JSON object', () => {
    assert.throws(() => setTopLevelString('{"a": ', 'currentContext', 'x'));
    assert.throws(() => setTopLevelString('[]', 'currentContext', 'x'), /not a JSON object/);
  });
});
