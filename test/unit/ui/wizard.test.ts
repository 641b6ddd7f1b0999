/**
 * The wizard's counter over steps that come and go: a step off the path is neither asked nor
 * counted, a step without a counter (a file dialog) takes no number, the total follows the
 * answers, and Back walks over skipped steps in either direction.
 */
import * as assert from 'node:assert/strict';

import { runWizard, type StepOutcome, type WizardStep } from '../../../src/ui/prompts/wizard';

interface Path {
  branch: 'a' | 'b' | undefined;
  seen: string[];
}

/** A step that records where it stood, answers `answers` in turn ('next' after), and chooses `branches` in turn. */
function step(name: string, answers: StepOutcome[], extra: Partial<WizardStep<Path>> = {}, branches: Path['branch'][] = []): WizardStep<Path> {
  return {
    ...extra,
    ask: async (state, position) => {
      state.seen.push(`${name} ${position.step}/${position.totalSteps}`);
      if (branches.length > 0) state.branch = branches.shift();
      return answers.shift() ?? 'next';
    },
  };
}

describe('ui: wizard step counter', () => {
  it('counts only the steps of the path taken, Back included', async () => {
    const state: Path = { branch: undefined, seen: [] };
    const done = await runWizard(state, [
      step('name', []),
      step('choose', [], {}, ['a', 'b']),
      step('a-only', ['back'], { applies: (s) => s.branch !== 'b' }),
      step('a-dialog', [], { applies: (s) => s.branch !== 'b', counted: false }),
      step('b-only', [], { applies: (s) => s.branch === 'b' }),
      step('last', []),
    ]);
    assert.equal(done, true);
    assert.deepEqual(state.seen, ['name 1/4', 'choose 2/4', 'a-only 3/4', 'choose 2/4', 'b-only 3/4', 'last 4/4']);
  });

  it('ends the flow on cancel', async () => {
    const state: Path = { branch: undefined, seen: [] };
    assert.equal(await runWizard(state, [step('name', ['cancel']), step('last', [])]), false);
    assert.deepEqual(state.seen, ['name 1/2']);
  });
});
