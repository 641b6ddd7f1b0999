/**
 * The test's own reading of an Engine API request as read / mutate / destroy: the oracle the
 * differential suites compare the guard's reading of a command line with. Deliberately written
 * apart from src/ (from the API reference, by method and the last path word), so that the guard
 * is checked against something it did not write.
 */
import type { OperationClass } from '../../src/core/guard/guard';

/** POST routes that stop, remove or take down what runs or is stored. */
const destroyingActions = new Set(['kill', 'stop', 'restart', 'pause', 'prune', 'leave']);
/** POST routes that only wait or look. */
const readingActions = new Set(['wait']);

export function apiRequestClass(method: string, path: string): OperationClass {
  if (method === 'GET' || method === 'HEAD') return 'read';
  if (method === 'DELETE') return 'destroy';
  const route = path.split('?')[0].replace(/^\/v[0-9.]+(?=\/)/, '');
  const last = route.split('/').filter(Boolean).pop() ?? '';
  if (readingActions.has(last)) return 'read';
  return destroyingActions.has(last) ? 'destroy' : 'mutate';
}
