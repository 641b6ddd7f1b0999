/**
 * Runs the steps of a multi-step flow with a working Back button: each step asks its question
 * and says where to go. A step that is not on the user's path (an import question when
 * generating) says so through `applies` and is passed over in whichever direction the user is
 * moving. The counter ("3/7") counts only the steps of the path the answers so far lead to, so
 * no number is ever skipped; a step that shows no counter (a file dialog) is not counted. Esc
 * on any step ends the whole flow: runWizard resolves false and nothing is saved.
 */

export type StepOutcome = 'next' | 'back' | 'cancel';

export interface StepPosition {
  step: number;
  totalSteps: number;
}

export interface WizardStep<State> {
  ask: (state: State, position: StepPosition) => Promise<StepOutcome>;
  /** Whether the step is on the path the answers so far lead to (always, when not given). */
  applies?: (state: State) => boolean;
  /** False for a step without a counter of its own (a file dialog). */
  counted?: boolean;
}

/** Where step `index` stands among the counted steps that apply to `state`. */
export function stepPosition<State>(steps: readonly WizardStep<State>[], index: number, state: State): StepPosition {
  const counted = steps.map((step) => step.counted !== false && (step.applies?.(state) ?? true));
  return { step: counted.slice(0, index + 1).filter(Boolean).length, totalSteps: counted.filter(Boolean).length };
}

export async function runWizard<State>(state: State, steps: WizardStep<State>[]): Promise<boolean> {
  let index = 0;
  let direction: 1 | -1 = 1;
  while (index < steps.length) {
    const step = steps[index];
    if (step.applies?.(state) ?? true) {
      const outcome = await step.ask(state, stepPosition(steps, index, state));
      if (outcome === 'cancel') return false;
      direction = outcome === 'back' ? -1 : 1;
    }
    if (index + direction < 0) direction = 1;
    index += direction;
  }
  return true;
}
