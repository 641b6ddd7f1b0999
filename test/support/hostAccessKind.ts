/**
 * A host-access reason (core/guard/hostAccess.ts) as a kind of access, for differential suites
 * that compare readings of one container from different spellings: docker normalizes what it
 * sends and stores (`cap_sys_admin` becomes CAP_SYS_ADMIN, `--net` is `--network`, `//` is `/`),
 * so `bind of //` and `bind of /` are one grant.
 */
import * as path from 'node:path';

export function hostAccessKind(reason: string): string {
  if (reason.startsWith('bind of ')) return `bind of ${path.posix.normalize(reason.slice('bind of '.length)).replace(/(.)\/+$/, '$1')}`;
  return reason.replace(/^--net=/, '--network=').replace(/=(?:cap_)?(.*)$/i, (_all, value: string) => `=${value.toUpperCase()}`);
}
