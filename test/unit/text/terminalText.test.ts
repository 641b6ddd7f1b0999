/** Foreign text in CLI tables and JSON output (the escaping itself: foreignText.test.ts): no raw control character, columns aligned, JSON still valid. */
import * as assert from 'node:assert/strict';

import { formatTable } from '../../../src/cli/table';
import { terminalSafeJson } from '../../../src/core/text/foreignText';

// eslint-disable-next-line no-control-regex -- what must never be printed raw
const rawControl = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e\u200b\u2028]/;
const hostile = 'a\u001b[2Kb\rc\u009b1Jd\u202ee\u200bf\u2028g\u0000h\u007f';

describe('foreign text on a terminal', () => {
  it('table cells hold no raw control character, and columns line up on what is shown', () => {
    const table = formatTable(
      ['NAME', 'HOST'],
      [
        [hostile, 'tcp://h:2376'],
        ['laptop', 'unix:///s'],
      ],
    );
    assert.doesNotMatch(table, rawControl);
    const [header, first, second] = table.split('\n');
    assert.equal(first.indexOf('tcp://'), header.indexOf('HOST'));
    assert.equal(second.indexOf('unix://'), header.indexOf('HOST'));
  });

  it('JSON output escapes what JSON.stringify leaves raw, and parses back to the same value', () => {
    const value = { name: hostile, nested: [hostile] };
    const text = terminalSafeJson(value, 2);
    assert.doesNotMatch(text, rawControl);
    assert.deepEqual(JSON.parse(text), value);
  });
});
