import * as assert from 'node:assert/strict';

import { compareNatural } from '../../../src/core/contexts/naturalOrder';

describe('natural order (as docker context ls sorts)', () => {
  it('compares digit runs as numbers and everything else byte by byte', () => {
    // The expected order is what `docker context ls` printed for these names (ünï aside: the CLI refuses to create it).
    const names = ['node10', 'alpha', 'node2', 'Zed', 'default', 'node02', 'node2a', 'bb', '100', '99', 'ünï', 'zz'];
    assert.deepEqual([...names].sort(compareNatural), ['99', '100', 'Zed', 'alpha', 'bb', 'default', 'node2', 'node2a', 'node02', 'node10', 'zz', 'ünï']);
  });

  it('treats equal names as equal', () => {
    assert.equal(compareNatural('prod-1', 'prod-1'), 0);
  });
});
