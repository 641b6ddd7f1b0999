/**
 * A revocation reaching the engine: where this window enforced access (accessState.ts records
 * the SSH context and the policy file), the serial goes into the plugin's policy file on the host
 * with `authz revoke` over SSH, and the plugin refuses it from the next request on. Where it did
 * not, the engine has nothing to consult: the caller says so.
 */
import { sshShell } from '../../core/access/remoteShell';
import type { ListedContext } from '../../core/contexts/contextList';
import type { AccessState } from './accessState';
import type { ContextsModel } from './contextsModel';

export type EngineRevocation = { revoked: true; sshContext: string } | { revoked: false };

export async function revokeOnEngine(
  services: { access: AccessState; model: ContextsModel },
  context: ListedContext,
  serial: string,
): Promise<EngineRevocation> {
  const record = services.access.enforcementOf(context.name);
  if (!record) return { revoked: false };
  const ssh = services.model.list?.contexts.find((candidate) => candidate.name === record.sshContext);
  if (!ssh?.host)
    throw new Error(`the SSH context "${record.sshContext}" that enforced access on "${context.name}" is gone: revoke ${serial} on the host with authz revoke`);
  await sshShell(ssh.host, services.model.env).run([...record.cli, 'authz', 'revoke', '--policy', record.policyFile, serial]);
  return { revoked: true, sshContext: record.sshContext };
}

/** What the user is told after a revocation, per where it reached. */
export function revocationNote(revocation: EngineRevocation, notAfter: string): string {
  return revocation.revoked
    ? `The engine refuses it from its next request on (revoked in its policy through "${revocation.sshContext}").`
    : `The engine does not enforce access yet, so it still accepts this certificate until it ends (${notAfter.slice(0, 10)}): Enforce Access on Engine… makes the revocation binding.`;
}
