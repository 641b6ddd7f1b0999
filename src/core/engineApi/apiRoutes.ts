/**
 * Every route of the Docker Engine API, in ONE table: which operation it is, in the words of the
 * CLI's command table (`DELETE /containers/web` is `container rm`, the class that command has
 * there), what it targets, whether its JSON body decides (a create that hands over the host, a
 * service scaled to zero), and whether the connection is taken over after the answer (attach,
 * exec, BuildKit's session and gRPC). The engine gateway and the authorization plugin both judge
 * requests here, so a terminal, the sidebar, an SDK and the engine's own plugin agree.
 *
 * The request is read as dockerd's router reads it: percent escapes decoded, the path cleaned,
 * an optional `/vX.Y` prefix dropped, the method matched exactly. A request no route matches is a
 * change, never a read.
 */
import { type DockerCommand, type DockerCommandGroup, dockerCommandTable, isCommandGroup } from '../guard/dockerCommandTable';
import type { OperationClass } from '../guard/guard';
import { containerCreateHostAccess, execCreateHostAccess, serviceHostAccess } from './apiHostAccess';
import { GoStruct } from './goStruct';

/** What a request asks of the engine. */
export interface ApiClassification {
  /** As the CLI's command table names it (`container rm`), or the API's own word for what the CLI has no command for. */
  operation: string;
  class: OperationClass;
  /** The objects it names (a path's id, a create's name), never an option value. */
  targets: string[];
  /** How the container it makes is handed the host (`--privileged`, `bind of /`…): weighed as a destroy. */
  hostAccess?: string[];
  /** The connection becomes a raw stream (or HTTP/2) once the engine answers. */
  hijack: boolean;
  /** No route of the Engine API matched: weighed as a change. */
  unknownRoute?: true;
}

type Target = 'path' | { query: string } | { body: string };

interface ApiRoute {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
  /** `{}` is one variable, matched as moby's `{name:.*}` is. */
  path: string;
  operation: string;
  /** For the API's own operations; a CLI operation takes its class from the command table. */
  class?: OperationClass;
  target?: Target;
  hijack?: true;
  /** The JSON body decides: how it hands over the host, or whether it destroys. */
  body?: (body: GoStruct) => { hostAccess?: string[]; destroys?: boolean };
}

const read = (path: string, operation: string, target?: Target): ApiRoute => ({ method: 'GET', path, operation, class: 'read', target });
const post = (path: string, operation: string, extra: Partial<ApiRoute> = {}): ApiRoute => ({ method: 'POST', path, operation, target: 'path', ...extra });
const remove = (path: string, operation: string): ApiRoute => ({ method: 'DELETE', path, operation, target: 'path' });
const named = { target: { body: 'Name' } } as const;

/** Scaled to zero replicas: the service's workload goes away. */
const toZeroReplicas = (body: GoStruct) => body.struct('Mode').struct('Replicated').number('Replicas') === 0;

const routes: readonly ApiRoute[] = [
  // ---- the engine itself
  read('/_ping', 'system ping'),
  { ...read('/_ping', 'system ping'), method: 'HEAD' },
  read('/version', 'version'),
  read('/info', 'system info'),
  read('/events', 'system events'),
  read('/system/df', 'system df'),
  post('/auth', 'login', { class: 'read', target: undefined }),

  // ---- containers
  read('/containers/json', 'container ls'),
  post('/containers/create', 'container create', { target: { query: 'name' }, body: (body) => ({ hostAccess: containerCreateHostAccess(body) }) }),
  post('/containers/prune', 'container prune', { target: undefined }),
  read('/containers/{}/json', 'container inspect', 'path'),
  read('/containers/{}/top', 'container top', 'path'),
  read('/containers/{}/logs', 'container logs', 'path'),
  read('/containers/{}/changes', 'container diff', 'path'),
  read('/containers/{}/export', 'container export', 'path'),
  read('/containers/{}/stats', 'container stats', 'path'),
  read('/containers/{}/archive', 'container cp', 'path'),
  { ...read('/containers/{}/archive', 'container cp', 'path'), method: 'HEAD' },
  read('/containers/{}/checkpoints', 'checkpoint ls', 'path'),
  { ...read('/containers/{}/attach/ws', 'container attach', 'path'), class: undefined, hijack: true },
  post('/containers/{}/start', 'container start'),
  post('/containers/{}/stop', 'container stop'),
  post('/containers/{}/restart', 'container restart'),
  post('/containers/{}/kill', 'container kill'),
  post('/containers/{}/pause', 'container pause'),
  post('/containers/{}/unpause', 'container unpause'),
  post('/containers/{}/rename', 'container rename'),
  post('/containers/{}/update', 'container update'),
  // Waiting and a terminal's window size change nothing the engine keeps.
  post('/containers/{}/wait', 'container wait', { class: 'read' }),
  post('/containers/{}/resize', 'container resize', { class: 'read' }),
  post('/containers/{}/attach', 'container attach', { hijack: true }),
  post('/containers/{}/exec', 'container exec', { body: (body) => ({ hostAccess: execCreateHostAccess(body) }) }),
  post('/containers/{}/checkpoints', 'checkpoint create'),
  { method: 'PUT', path: '/containers/{}/archive', operation: 'container cp', target: 'path' },
  remove('/containers/{}/checkpoints/{}', 'checkpoint rm'),
  remove('/containers/{}', 'container rm'),
  post('/commit', 'container commit', { target: { query: 'container' } }),

  // ---- exec instances: only `POST /containers/{id}/exec` makes one, and that is where the guard
  // weighs the command; starting it is asked nothing more (one question per `docker exec`).
  read('/exec/{}/json', 'exec inspect', 'path'),
  post('/exec/{}/resize', 'exec resize', { class: 'read' }),
  post('/exec/{}/start', 'exec start', { class: 'read', hijack: true }),

  // ---- images and builds
  read('/images/json', 'image ls'),
  read('/images/search', 'search'),
  read('/images/get', 'image save'),
  read('/images/{}/get', 'image save', 'path'),
  read('/images/{}/history', 'image history', 'path'),
  read('/images/{}/json', 'image inspect', 'path'),
  read('/distribution/{}/json', 'image inspect', 'path'),
  post('/images/create', 'image pull', { target: { query: 'fromImage' } }),
  post('/images/load', 'image load', { target: undefined }),
  post('/images/prune', 'image prune', { target: undefined }),
  post('/images/{}/push', 'image push'),
  post('/images/{}/tag', 'image tag'),
  remove('/images/{}', 'image rm'),
  post('/build', 'image build', { target: { query: 't' } }),
  post('/build/prune', 'builder prune', { target: undefined }),
  post('/build/cancel', 'build cancel', { class: 'mutate', target: { query: 'id' } }),
  post('/session', 'image build', { target: undefined, hijack: true }),
  post('/grpc', 'image build', { target: undefined, hijack: true }),

  // ---- volumes, networks, plugins
  read('/volumes', 'volume ls'),
  read('/volumes/{}', 'volume inspect', 'path'),
  post('/volumes/create', 'volume create', named),
  post('/volumes/prune', 'volume prune', { target: undefined }),
  { method: 'PUT', path: '/volumes/{}', operation: 'volume update', target: 'path' },
  remove('/volumes/{}', 'volume rm'),
  read('/networks', 'network ls'),
  read('/networks/{}', 'network inspect', 'path'),
  post('/networks/create', 'network create', named),
  post('/networks/prune', 'network prune', { target: undefined }),
  post('/networks/{}/connect', 'network connect'),
  post('/networks/{}/disconnect', 'network disconnect'),
  remove('/networks/{}', 'network rm'),
  read('/plugins', 'plugin ls'),
  read('/plugins/privileges', 'plugin inspect', { query: 'remote' }),
  read('/plugins/{}/json', 'plugin inspect', 'path'),
  post('/plugins/pull', 'plugin install', { target: { query: 'remote' } }),
  post('/plugins/create', 'plugin create', { target: { query: 'name' } }),
  post('/plugins/{}/enable', 'plugin enable'),
  post('/plugins/{}/disable', 'plugin disable'),
  post('/plugins/{}/push', 'plugin push'),
  post('/plugins/{}/upgrade', 'plugin upgrade'),
  post('/plugins/{}/set', 'plugin set'),
  remove('/plugins/{}', 'plugin rm'),

  // ---- swarm
  read('/swarm', 'swarm inspect'),
  read('/swarm/unlockkey', 'swarm unlock-key'),
  post('/swarm/init', 'swarm init', { target: undefined }),
  post('/swarm/join', 'swarm join', { target: undefined }),
  post('/swarm/leave', 'swarm leave', { target: undefined }),
  post('/swarm/update', 'swarm update', { target: undefined }),
  post('/swarm/unlock', 'swarm unlock', { target: undefined }),
  read('/services', 'service ls'),
  read('/services/{}', 'service inspect', 'path'),
  read('/services/{}/logs', 'service logs', 'path'),
  post('/services/create', 'service create', { ...named, body: (body) => ({ hostAccess: serviceHostAccess(body) }) }),
  post('/services/{}/update', 'service update', { body: (body) => ({ hostAccess: serviceHostAccess(body), destroys: toZeroReplicas(body) }) }),
  remove('/services/{}', 'service rm'),
  read('/tasks', 'service ps'),
  read('/tasks/{}', 'service ps', 'path'),
  read('/tasks/{}/logs', 'service logs', 'path'),
  read('/nodes', 'node ls'),
  read('/nodes/{}', 'node inspect', 'path'),
  post('/nodes/{}/update', 'node update'),
  remove('/nodes/{}', 'node rm'),
  ...(['secret', 'config'] as const).flatMap((kind) => [
    read(`/${kind}s`, `${kind} ls`),
    read(`/${kind}s/{}`, `${kind} inspect`, 'path'),
    post(`/${kind}s/create`, `${kind} create`, named),
    post(`/${kind}s/{}/update`, `${kind} update`, { class: 'mutate' }),
    remove(`/${kind}s/{}`, `${kind} rm`),
  ]),
];

/** The class of every operation the CLI's command table names, by operation. */
function commandClasses(group: DockerCommandGroup, into = new Map<string, OperationClass>()): Map<string, OperationClass> {
  for (const entry of Object.values(group.commands) as (DockerCommand | DockerCommandGroup)[]) {
    if (isCommandGroup(entry)) commandClasses(entry, into);
    else into.set(entry.operation, entry.class);
  }
  return into;
}

/** Operations the API has and the CLI's table does not list as such (a read the CLI does inside another command). */
const apiOnlyReads = new Set(['swarm inspect', 'swarm unlock-key', 'search', 'version', 'login', 'system ping']);

interface CompiledRoute extends ApiRoute {
  pattern: RegExp;
  routeClass: OperationClass;
}

function compile(route: ApiRoute, classes: Map<string, OperationClass>): CompiledRoute {
  const routeClass = route.class ?? classes.get(route.operation);
  if (!routeClass && !apiOnlyReads.has(route.operation)) throw new Error(`API route ${route.method} ${route.path}: no class for "${route.operation}"`);
  const pattern = new RegExp(`^${route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\}/g, '(.*)')}$`);
  return { ...route, pattern, routeClass: routeClass ?? 'read' };
}

let compiled: CompiledRoute[] | undefined;
function compiledRoutes(): CompiledRoute[] {
  if (!compiled) {
    const classes = commandClasses(dockerCommandTable);
    compiled = routes.map((route) => compile(route, classes));
  }
  return compiled;
}

/** The path dockerd's router matches: decoded, cleaned, without `/vX.Y`; undefined when Go would refuse the URL. */
export function routedPath(requestTarget: string): string | undefined {
  const rawPath = requestTarget.split(/[?#]/, 1)[0];
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  const segments: string[] = [];
  for (const segment of decoded.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  if (segments.length > 0 && /^v[0-9.]+$/.test(segments[0])) segments.shift();
  return `/${segments.join('/')}`;
}

function queryValue(requestTarget: string, name: string): string | undefined {
  const question = requestTarget.indexOf('?');
  if (question < 0) return undefined;
  const query = new URLSearchParams(requestTarget.slice(question + 1).split('#', 1)[0]);
  return query.get(name) ?? undefined;
}

function matchRoute(method: string, requestTarget: string): { route: CompiledRoute; variables: string[] } | undefined {
  const path = routedPath(requestTarget);
  if (path === undefined) return undefined;
  for (const route of compiledRoutes()) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (match) return { route, variables: match.slice(1) };
  }
  return undefined;
}

/** The request's JSON body decides its class: the gateway must read it (capped) before judging. */
export function apiBodyDecides(method: string, requestTarget: string): boolean {
  return matchRoute(method, requestTarget)?.route.body !== undefined;
}

/** The reason given when a body that decides could not be read: the request is weighed as a destroy. */
export const unreadableBody = 'a request body the guard could not read';

/**
 * What `method requestTarget` (as sent: path and query) asks of the engine. `body` is the JSON
 * text of a request whose body decides (apiBodyDecides); without it, or when it does not parse,
 * the request is weighed as a destroy.
 */
export function classifyApiRequest(method: string, requestTarget: string, body?: string): ApiClassification {
  const matched = matchRoute(method, requestTarget);
  if (!matched) {
    const path = routedPath(requestTarget) ?? requestTarget.split('?', 1)[0];
    return { operation: `${method} ${path}`, class: 'mutate', targets: [], hijack: false, unknownRoute: true };
  }
  const { route, variables } = matched;
  const classification: ApiClassification = { operation: route.operation, class: route.routeClass, targets: [], hijack: route.hijack === true };
  const parsed = route.body && body !== undefined ? GoStruct.parse(body) : undefined;
  const target = targetOf(route.target, variables, requestTarget, parsed);
  if (target) classification.targets.push(target);
  if (route.body) {
    const decided = parsed ? route.body(parsed) : { hostAccess: [unreadableBody] };
    if (decided.hostAccess?.length) classification.hostAccess = decided.hostAccess;
    if (decided.destroys) classification.class = 'destroy';
  }
  return classification;
}

function targetOf(target: Target | undefined, variables: string[], requestTarget: string, body: GoStruct | undefined): string | undefined {
  if (target === undefined) return undefined;
  if (target === 'path') return variables.join('/') || undefined;
  if ('query' in target) return queryValue(requestTarget, target.query) || undefined;
  return body?.string(target.body) || undefined;
}
