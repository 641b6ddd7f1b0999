/**
 * "Grant Access…": a client certificate of the context's CA for one person or system, with a
 * role (viewer, operator, admin: accessRoles.ts) and a short lifetime (`access.days`), handed
 * over as a context archive or a folder the user chooses (accessHandover.ts). The engine judges
 * the role only once it enforces access (Enforce Access on Engine…); until then the message says
 * that the certificate may do everything there.
 */
import { accessRoles, roleSummaries } from '../../core/access/accessRoles';
import { accessGrantProblem } from '../../core/access/issueAccessCertificate';
import type { ListedContext } from '../../core/contexts/contextList';
import { handOverAccess } from '../prompts/accessHandover';
import { UserCancelled } from '../prompts/userCancelled';
import { caKeyArgument } from './caKeyArgument';
import type { CommandServices } from './commandServices';

const title = 'Grant Access';

export async function grantAccess(services: CommandServices, clicked?: ListedContext): Promise<void> {
  const { prompts, settings, access } = services;
  const { context, ca } = await caKeyArgument(services, clicked, title, 'only a CA made by Create TLS Context can issue certificates here');
  const name = await prompts.input({
    title: `${title}: who is it for?`,
    prompt: "The person or system, as the certificate's CN (the engine's audit names it)",
    placeHolder: 'alice, ci-deploy…',
    validateInput: (value) => accessGrantProblem({ name: value }),
  });
  if (name === undefined) throw new UserCancelled();
  const role = await prompts.pick(
    accessRoles.map((each) => ({ label: each, description: roleSummaries[each], role: each })),
    { title: `${title}: role of ${name}`, placeHolder: 'What the engine lets this certificate do, once it enforces access' },
  );
  if (!role) throw new UserCancelled();
  const days = settings.accessDays();
  const issued = await handOverAccess(services, context, ca, { name, role: role.role, days, title });
  const enforced = access.enforcedRoleOf(context.name) !== undefined;
  const importHint = issued.form === 'archive' ? ` The holder runs: docker context import NAME ${issued.path}.` : '';
  prompts.notify(
    `Issued a ${issued.role} certificate for ${issued.name} (serial ${issued.serial}, valid ${days} days) to ${issued.path}.${importHint}${
      enforced ? '' : ' The engine does not enforce access yet: until Enforce Access on Engine…, this certificate may do everything there.'
    }`,
  );
}
