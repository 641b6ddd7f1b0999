/** Any failure of a request to a context's engine, worded by `toEngineError` with the user's connect timeout. */
import type { ListedContext } from '../../../core/contexts/contextList';
import { type EngineError, toEngineError } from '../../../core/engine/engineErrors';
import type { Settings } from '../../state/settings';

export function engineFailure(error: unknown, context: ListedContext, settings: Settings): EngineError {
  return toEngineError(error, { contextName: context.name, host: context.host }, settings.engineTimeouts().connectMs);
}
