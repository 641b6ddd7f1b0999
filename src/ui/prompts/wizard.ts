/**
 * Runs the steps of a multi-step flow with a working Back button: each step asks its question
 * and says where to go. A step that does not apply (an import question when generating) says
 * 'skip' and is passed over in whichever direction the user is moving. Esc on any step ends the
 * whole flow: runWizard resolves false and nothing is saved.
 */

export type StepOutcome = 'next' | 'back' | 'skip' | 'cancel';

export type WizardStep<State> = (state: State, position: { step: number; totalSteps: number }) => Promise<StepOutcome>;

export async function runWizard<State>(state: State, steps: WizardStep<State>[]): Promise<boolean> {
  let index = 0;
  let direction: 1 | -1 = 1;
  while (index < steps.length) {
    const outcome = await steps[index](state, { step: index + 1, totalSteps: steps.length });
    if (outcome === 'cancel') return false;
    if (outcome !== 'skip') direction = outcome === 'back' ? -1 : 1;
    if (index + direction < 0) direction = 1;
    index += direction;
  }
  return true;
}
