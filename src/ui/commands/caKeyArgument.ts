/**
 * The context a command that needs its CA key acts on (rotations, Grant Access, Enforce Access),
 * with that key: only a CA made by Create TLS Context keeps its key, in SecretStorage. `why` ends
 * both what an empty picker says and the error for a clicked context without the key.
 */
import type { ListedContext } from '../../core/contexts/contextList';
import { type HeldCa, heldCa } from '../state/clientMaterial';
import type { CommandServices } from './commandServices';
import { contextArgument } from './contextArgument';

export async function caKeyArgument(
  services: CommandServices,
  clicked: ListedContext | undefined,
  title: string,
  why: string,
): Promise<{ context: ListedContext; ca: HeldCa }> {
  const context = await contextArgument(services, clicked, title, 'caKey', `holds the CA key of its certificate in SecretStorage (${why})`);
  const ca = await heldCa(services, context);
  if (!ca) throw new Error(`"${context.name}" has no CA key in SecretStorage (${why})`);
  return { context, ca };
}
