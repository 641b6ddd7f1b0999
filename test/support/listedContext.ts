/** A context as the list gives it, for unit tests of code that takes one (guard, audit): only what a test cares about is given. */
import type { ListedContext } from '../../src/core/contexts/contextList';
import { noTlsFiles } from '../../src/core/contexts/dockerContext';

export function listedContext(fields: Pick<ListedContext, 'name' | 'host' | 'transport' | 'tier'> & Partial<ListedContext>): ListedContext {
  return {
    description: '',
    skipTLSVerify: false,
    tls: noTlsFiles,
    storedTier: null,
    keysInSecretStorage: false,
    isDefault: false,
    error: null,
    current: false,
    missing: false,
    tierSource: 'name',
    ...fields,
  };
}
