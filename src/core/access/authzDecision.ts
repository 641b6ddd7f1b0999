/**
 * What the authorization plugin answers dockerd about one request, as a pure function of the
 * request dockerd sent (moby's pkg/authorization Request, as JSON) and the policy: the role is
 * read from the client certificate (or the policy's anonymous role without one), a revoked
 * serial is refused, and the request is classified by the one API route table the engine
 * gateway uses. Whatever cannot be read or judged is refused with the reason (fail closed).
 *
 * Dockerd sends a request's body only when it is JSON (Content-Type application/json) and at
 * most 1 MiB (older engines drop a larger body silently, newer refuse the request); a body that
 * decides (a container create) and did not come is weighed as a destroy by classifyApiRequest.
 */
import { apiBodyDecides, classifyApiRequest, routedPath } from '../engineApi/apiRoutes';
import { type AccessRole, roleRefusal } from './accessRoles';
import type { AuthzAuditRecord } from './authzAudit';
import type { AuthzPolicy, PolicyFileError } from './authzPolicy';
import { readAccessCertificate } from './readAccessCertificate';

/** moby's authorization.Response. */
export interface AuthzResponse {
  Allow: boolean;
  Msg?: string;
  Err?: string;
}

export interface AuthzVerdict {
  response: AuthzResponse;
  record: AuthzAuditRecord;
}

/** The fields of moby's authorization.Request we read; []byte fields arrive as base64 strings. */
interface PluginRequest {
  RequestMethod?: unknown;
  RequestUri?: unknown;
  RequestBody?: unknown;
  RequestPeerCertificates?: unknown;
}

interface Identity {
  cn: string;
  serial: string | null;
  role: AccessRole | null;
  authn: AuthzAuditRecord['authn'];
}

class Unjudgeable extends Error {}

/** `requestJson` undefined: the request was larger than the plugin reads. */
export function judgeAuthzRequest(requestJson: string | undefined, policy: AuthzPolicy | PolicyFileError, now = new Date()): AuthzVerdict {
  const record: AuthzAuditRecord = {
    time: now.toISOString(),
    cn: '',
    serial: null,
    role: null,
    authn: 'none',
    method: '',
    path: '',
    operation: '',
    object: null,
    decision: 'deny',
  };
  const deny = (reason: string): AuthzVerdict => ({ response: { Allow: false, Msg: reason }, record: { ...record, decision: 'deny', reason } });
  try {
    const request = parseRequest(requestJson);
    record.method = stringField(request, 'RequestMethod');
    const uri = stringField(request, 'RequestUri');
    const path = routedPath(uri);
    record.path = path ?? uri.split('?', 1)[0];
    if (path === undefined) throw new Unjudgeable('the request path cannot be read');
    if (policy instanceof Error) throw new Unjudgeable(`${policy.message}: every request is refused until it is fixed`);
    const { problem, ...identity } = identityOf(request, policy);
    Object.assign(record, identity);
    if (record.serial !== null && policy.revokedSerials.includes(record.serial)) return deny(`certificate ${record.serial} (${record.cn}) is revoked`);
    if (problem !== undefined) throw new Unjudgeable(problem);
    const body = apiBodyDecides(record.method, uri) ? bodyText(request) : undefined;
    const classification = classifyApiRequest(record.method, uri, body);
    record.operation = classification.operation;
    record.object = classification.targets[0] ?? null;
    const refusal = roleRefusal(record.role!, {
      operationClass: classification.class,
      hostAccess: (classification.hostAccess?.length ?? 0) > 0,
      unknownRoute: classification.unknownRoute === true,
    });
    if (refusal)
      return deny(
        `${refusal}: ${who(record)} asked for ${classification.operation}${classification.hostAccess ? ` (${classification.hostAccess.join(', ')})` : ''}`,
      );
    return { response: { Allow: true }, record: { ...record, decision: 'allow' } };
  } catch (error) {
    if (error instanceof Unjudgeable) return deny(`cannot judge this request: ${error.message}`);
    throw error;
  }
}

function who({ cn, role, authn }: AuthzAuditRecord): string {
  return authn === 'none' ? `a request without a certificate (${role})` : `${cn || 'a certificate without a CN'} (${role})`;
}

function parseRequest(text: string | undefined): PluginRequest {
  if (text === undefined) throw new Unjudgeable('it is larger than the plugin reads');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Unjudgeable('it is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Unjudgeable('it is not a JSON object');
  return value as PluginRequest;
}

function stringField(request: PluginRequest, key: 'RequestMethod' | 'RequestUri'): string {
  const value = request[key];
  if (typeof value !== 'string' || value === '') throw new Unjudgeable(`${key} is missing`);
  return value;
}

/** The role of the leaf certificate (the first dockerd lists), or the anonymous role without one; a role that cannot be judged is a problem. */
function identityOf(request: PluginRequest, policy: AuthzPolicy): Identity & { problem?: string } {
  const certificates = request.RequestPeerCertificates;
  if (certificates === undefined || certificates === null || (Array.isArray(certificates) && certificates.length === 0)) {
    return { cn: '', serial: null, role: policy.anonymousRole, authn: 'none' };
  }
  if (!Array.isArray(certificates) || typeof certificates[0] !== 'string') throw new Unjudgeable('RequestPeerCertificates is not a list of certificates');
  let details;
  try {
    // PeerCertificate.MarshalJSON: the PEM text as a Go []byte, hence base64.
    details = readAccessCertificate(Buffer.from(certificates[0], 'base64').toString('utf8'));
  } catch (error) {
    throw new Unjudgeable(`the client certificate cannot be read (${(error as Error).message})`);
  }
  const identity = { cn: details.name, serial: details.serial, authn: 'TLS' as const };
  if ('problem' in details.role) return { ...identity, role: null, problem: details.role.problem };
  return { ...identity, role: details.role.role ?? policy.defaultRole };
}

function bodyText(request: PluginRequest): string | undefined {
  return typeof request.RequestBody === 'string' ? Buffer.from(request.RequestBody, 'base64').toString('utf8') : undefined;
}
