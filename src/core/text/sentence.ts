/**
 * Ending a sentence around a text we did not write (an engine's error, a context's problem):
 * many already end with their own "." or "?" ("Is dockerd running?"), and a period added
 * blindly reads "running?." on screen.
 */

export function asSentence(text: string): string {
  const trimmed = text.trimEnd();
  return /[.?!…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
