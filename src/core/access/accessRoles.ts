/**
 * The roles an access certificate grants on an engine that enforces access (the authorization
 * plugin), in the classes of the guard's command table (read, mutate, destroy):
 *
 * - `viewer`: reads only.
 * - `operator`: reads and changes, never a destroy, and never a request that hands the host to a
 *   container (hostAccess: `--privileged`, a bind of `/`…), which the guard's policy weighs as a
 *   destroy; nor a route the plugin does not know (it might be a destroy of a newer API).
 * - `admin`: everything.
 *
 * Where the role lives: in the certificate's subject, as one organizational unit `role=<role>`
 * (`O=Docker Context Guard, OU=role=operator, CN=alice`), so `openssl x509 -noout -subject`
 * shows it and the CA's signature binds it. A certificate with no such OU has the policy's
 * `defaultRole`; one with two, or with a role we do not know, cannot be judged and is refused.
 */
import type { OperationClass } from '../guard/guard';

export const accessRoles = ['viewer', 'operator', 'admin'] as const;
export type AccessRole = (typeof accessRoles)[number];

export function isAccessRole(value: string): value is AccessRole {
  return (accessRoles as readonly string[]).includes(value);
}

/** What each role may do: for `--help`, the tree and the README. */
export const roleSummaries: Record<AccessRole, string> = {
  viewer: 'reads only',
  operator: 'reads and changes, no destroy and nothing that hands a container the host',
  admin: 'everything',
};

/** The OU value that carries a role, and how it is recognised among a subject's OUs. */
const rolePrefix = 'role=';

export function roleUnit(role: AccessRole): string {
  return `${rolePrefix}${role}`;
}

/** A role found in a subject's OUs: none, one we know, or something that cannot be judged. */
export type RoleReading = { role: AccessRole } | { role: undefined } | { problem: string };

export function roleFromUnits(units: readonly string[]): RoleReading {
  const roles = units.filter((unit) => unit.startsWith(rolePrefix)).map((unit) => unit.slice(rolePrefix.length));
  if (roles.length === 0) return { role: undefined };
  if (roles.length > 1) return { problem: `the certificate names ${roles.length} roles (${roles.join(', ')})` };
  return isAccessRole(roles[0]) ? { role: roles[0] } : { problem: `the certificate's role "${roles[0]}" is none of ${accessRoles.join(', ')}` };
}

/** What the role is asked to allow: the request's class, whether it hands over the host, whether its route is known. */
export interface RoleQuestion {
  operationClass: OperationClass;
  hostAccess: boolean;
  unknownRoute: boolean;
}

/** Why `role` may not do this, or undefined when it may. */
export function roleRefusal(role: AccessRole, { operationClass, hostAccess, unknownRoute }: RoleQuestion): string | undefined {
  switch (role) {
    case 'admin':
      return undefined;
    case 'operator':
      if (unknownRoute) return 'an operator may not use a route this plugin does not know';
      if (hostAccess) return 'an operator may not hand a container the host';
      return operationClass === 'destroy' ? 'an operator may not destroy' : undefined;
    case 'viewer':
      return operationClass === 'read' && !hostAccess && !unknownRoute ? undefined : 'a viewer may only read';
  }
}
