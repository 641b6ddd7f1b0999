/**
 * Moving a context's TLS keys from one store to the other (the Docker CLI's files, SecretStorage),
 * in the order that keeps the context usable at every step, a crash between two of them
 * included: the keys are written to the destination, then the context's marker is switched to
 * it, and only then — if the caller agrees — dropped from the source. A write that fails leaves
 * the marker and the source as they were.
 */
import type { ContextStore } from '../contextStore';
import type { DockerContext } from '../dockerContext';
import type { KeysLocation, TlsKeyStore } from './tlsKeyStore';
import { completeTlsMaterial, tlsFileNames } from './tlsMaterial';

/** The source holds no complete set of keys for the context (docker allows any of the three files alone; a move takes the three). */
export class TlsKeysIncomplete extends Error {
  constructor(
    readonly contextName: string,
    readonly from: KeysLocation,
  ) {
    super(
      from === 'dockerCli'
        ? `"${contextName}" does not have all of ${tlsFileNames.ca}, ${tlsFileNames.cert} and ${tlsFileNames.key} in the Docker CLI's store`
        : `SecretStorage holds no TLS keys for "${contextName}" (was it created on another machine?)`,
    );
    this.name = 'TlsKeysIncomplete';
  }
}

export interface KeyMove {
  from: TlsKeyStore;
  to: TlsKeyStore;
  /** Asked once the keys are in `to` and the marker says so: whether to drop them from `from` now. */
  vacateSource(): Promise<boolean>;
}

export async function moveTlsKeys(contexts: Pick<ContextStore, 'setKeysLocation'>, context: DockerContext, move: KeyMove): Promise<{ vacated: boolean }> {
  const material = completeTlsMaterial(await move.from.read(context));
  if (!material) throw new TlsKeysIncomplete(context.name, move.from.location);
  await move.to.write(context, material);
  await contexts.setKeysLocation(context.name, move.to.location);
  const vacated = await move.vacateSource();
  if (vacated) await move.from.vacate(context.name);
  return { vacated };
}
