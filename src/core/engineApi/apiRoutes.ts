/**
 * Every route of the Docker Engine API, in ONE table: which operation it is, in the words of the
 * CLI's command table (`DELETE /containers/web` is `container rm`, the class that command has
 * there), what it targets, whether its JSON body decides (a create that hands over the host, a
 * service scaled to zero), and whether the connection is taken over after the answer (attach,
 * exec, BuildKit's session and gRPC). The engine gateway and the authorization plugin both judge
 * requests here, so a terminal, the sidebar, an SDK and the engine's own plugin agree.
 *
 * The request is read as dockerd's router (gorilla/mux behind Go's net/http) reads it: the target
 * parsed as Go parses a request URI (an absolute `http://host/…` or `scheme:/…` form routes like
 * its path, `#` is part of the path), percent escapes decoded, an optional `/vX.Y` prefix
 * dropped, each route's template matched as mux compiles it (`{id}` is one segment, `{name:.*}`
 * anything but a newline) in dockerd's registration order, the method matched exactly. A path
 * that is not clean is answered with a redirect and nothing else; it is judged as the clean path
 * the client is sent to. A request no route matches is a change, never a read.
 */
import { type DockerCommand, type DockerCommandGroup, dockerCommandTable, isCommandGroup } from '../guard/dockerCommandTable';
import type { OperationClass } from '../guard/guard';
import { containerCreateHostAccess, execCreateHostAccess, serviceHostAccess, volumeCreateHostAccess } from './apiHostAccess';
import { goCleanPath, parseGoRequestUri } from './goRequestUri';
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
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS';
  /** moby's template, as registered: `{id}` is one path segment, `{name:.*}` and `{id:.+}` match their pattern. */
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
const toZeroReplicas = (body: GoStruct) => body.struct('Mode', 'value').struct('Replicated').number('Replicas') === 0;

const routes: readonly ApiRoute[] = [
  // ---- the engine itself
  read('/_ping', 'system ping'),
  { ...read('/_ping', 'system ping'), method: 'HEAD' },
  read('/version', 'version'),
  read('/info', 'system info'),
  read('/events', 'system events'),
  read('/system/df', 'system df'),
  post('/auth', 'login', { class: 'read', target: undefined }),
  // CORS preflight: answered for any path, without touching anything.
  { method: 'OPTIONS', path: '/{anyroute:.*}', operation: 'options', class: 'read' },
  // Go's expvar and pprof (dockerd 20.10 serves them unversioned to any method, later ones to GET).
  ...['/debug/vars', '/debug/pprof/', '/debug/pprof/cmdline', '/debug/pprof/profile', '/debug/pprof/symbol', '/debug/pprof/trace', '/debug/pprof/{name}'].map(
    (path) => read(path, 'system debug'),
  ),

  // ---- containers
  read('/containers/json', 'container ls'),
  post('/containers/create', 'container create', { target: { query: 'name' }, body: (body) => ({ hostAccess: containerCreateHostAccess(body) }) }),
  post('/containers/prune', 'container prune', { target: undefined }),
  read('/containers/{name:.*}/json', 'container inspect', 'path'),
  read('/containers/{name:.*}/top', 'container top', 'path'),
  read('/containers/{name:.*}/logs', 'container logs', 'path'),
  read('/containers/{name:.*}/changes', 'container diff', 'path'),
  read('/containers/{name:.*}/export', 'container export', 'path'),
  read('/containers/{name:.*}/stats', 'container stats', 'path'),
  read('/containers/{name:.*}/archive', 'container cp', 'path'),
  { ...read('/containers/{name:.*}/archive', 'container cp', 'path'), method: 'HEAD' },
  read('/containers/{name:.*}/checkpoints', 'checkpoint ls', 'path'),
  { ...read('/containers/{name:.*}/attach/ws', 'container attach', 'path'), class: undefined, hijack: true },
  post('/containers/{name:.*}/start', 'container start'),
  post('/containers/{name:.*}/stop', 'container stop'),
  post('/containers/{name:.*}/restart', 'container restart'),
  post('/containers/{name:.*}/kill', 'container kill'),
  post('/containers/{name:.*}/pause', 'container pause'),
  post('/containers/{name:.*}/unpause', 'container unpause'),
  post('/containers/{name:.*}/rename', 'container rename'),
  post('/containers/{name:.*}/update', 'container update'),
  // Waiting and a terminal's window size change nothing the engine keeps.
  post('/containers/{name:.*}/wait', 'container wait', { class: 'read' }),
  post('/containers/{name:.*}/resize', 'container resize', { class: 'read' }),
  post('/containers/{name:.*}/attach', 'container attach', { hijack: true }),
  post('/containers/{name:.*}/exec', 'container exec', { body: (body) => ({ hostAccess: execCreateHostAccess(body) }) }),
  post('/containers/{name:.*}/checkpoints', 'checkpoint create'),
  { method: 'PUT', path: '/containers/{name:.*}/archive', operation: 'container cp', target: 'path' },
  // The copy out of API versions before 1.24 (dockerd 20.10 still serves it to them).
  post('/containers/{name:.*}/copy', 'container cp'),
  remove('/containers/{name}/checkpoints/{checkpoint}', 'checkpoint rm'),
  remove('/containers/{name:.*}', 'container rm'),
  post('/commit', 'container commit', { target: { query: 'container' } }),

  // ---- exec instances: only `POST /containers/{id}/exec` makes one, and that is where the guard
  // weighs the command; starting it is asked nothing more (one question per `docker exec`).
  read('/exec/{name:.*}/json', 'exec inspect', 'path'),
  post('/exec/{name:.*}/resize', 'exec resize', { class: 'read' }),
  post('/exec/{name:.*}/start', 'exec start', { class: 'read', hijack: true }),

  // ---- images and builds
  read('/images/json', 'image ls'),
  read('/images/search', 'search'),
  read('/images/get', 'image save'),
  read('/images/{name:.*}/get', 'image save', 'path'),
  read('/images/{name:.*}/history', 'image history', 'path'),
  read('/images/{name:.*}/json', 'image inspect', 'path'),
  read('/images/{name:.*}/attestations', 'image inspect', 'path'),
  read('/distribution/{name:.*}/json', 'image inspect', 'path'),
  post('/images/create', 'image pull', { target: { query: 'fromImage' } }),
  post('/images/load', 'image load', { target: undefined }),
  post('/images/prune', 'image prune', { target: undefined }),
  post('/images/{name:.*}/push', 'image push'),
  post('/images/{name:.*}/tag', 'image tag'),
  remove('/images/{name:.*}', 'image rm'),
  post('/build', 'image build', { target: { query: 't' } }),
  post('/build/prune', 'builder prune', { target: undefined }),
  post('/build/cancel', 'build cancel', { class: 'mutate', target: { query: 'id' } }),
  post('/session', 'image build', { target: undefined, hijack: true }),
  post('/grpc', 'image build', { target: undefined, hijack: true }),

  // ---- volumes, networks, plugins
  read('/volumes', 'volume ls'),
  read('/volumes/{name:.*}', 'volume inspect', 'path'),
  post('/volumes/create', 'volume create', { ...named, body: (body) => ({ hostAccess: volumeCreateHostAccess(body) }) }),
  post('/volumes/prune', 'volume prune', { target: undefined }),
  { method: 'PUT', path: '/volumes/{name:.*}', operation: 'volume update', target: 'path' },
  remove('/volumes/{name:.*}', 'volume rm'),
  read('/networks', 'network ls'),
  read('/networks/', 'network ls'),
  read('/networks/{id:.+}', 'network inspect', 'path'),
  post('/networks/create', 'network create', named),
  post('/networks/prune', 'network prune', { target: undefined }),
  post('/networks/{name:.*}/connect', 'network connect'),
  post('/networks/{name:.*}/disconnect', 'network disconnect'),
  remove('/networks/{name:.*}', 'network rm'),
  read('/plugins', 'plugin ls'),
  read('/plugins/privileges', 'plugin inspect', { query: 'remote' }),
  read('/plugins/{name:.*}/json', 'plugin inspect', 'path'),
  post('/plugins/pull', 'plugin install', { target: { query: 'remote' } }),
  post('/plugins/create', 'plugin create', { target: { query: 'name' } }),
  post('/plugins/{name:.*}/enable', 'plugin enable'),
  post('/plugins/{name:.*}/disable', 'plugin disable'),
  post('/plugins/{name:.*}/push', 'plugin push'),
  post('/plugins/{name:.*}/upgrade', 'plugin upgrade'),
  post('/plugins/{name:.*}/set', 'plugin set'),
  remove('/plugins/{name:.*}', 'plugin rm'),

  // ---- swarm
  read('/swarm', 'swarm inspect'),
  read('/swarm/unlockkey', 'swarm unlock-key'),
  post('/swarm/init', 'swarm init', { target: undefined }),
  post('/swarm/join', 'swarm join', { target: undefined }),
  post('/swarm/leave', 'swarm leave', { target: undefined }),
  post('/swarm/update', 'swarm update', { target: undefined }),
  post('/swarm/unlock', 'swarm unlock', { target: undefined }),
  read('/services', 'service ls'),
  read('/services/{id}', 'service inspect', 'path'),
  read('/services/{id}/logs', 'service logs', 'path'),
  post('/services/create', 'service create', { ...named, body: (body) => ({ hostAccess: serviceHostAccess(body) }) }),
  post('/services/{id}/update', 'service update', { body: (body) => ({ hostAccess: serviceHostAccess(body), destroys: toZeroReplicas(body) }) }),
  remove('/services/{id}', 'service rm'),
  read('/tasks', 'service ps'),
  read('/tasks/{id}', 'service ps', 'path'),
  read('/tasks/{id}/logs', 'service logs', 'path'),
  read('/nodes', 'node ls'),
  read('/nodes/{id}', 'node inspect', 'path'),
  post('/nodes/{id}/update', 'node update'),
  remove('/nodes/{id}', 'node rm'),
  ...(['secret', 'config'] as const).flatMap((kind) => [
    read(`/${kind}s`, `${kind} ls`),
    read(`/${kind}s/{id}`, `${kind} inspect`, 'path'),
    post(`/${kind}s/create`, `${kind} create`, named),
    post(`/${kind}s/{id}/update`, `${kind} update`, { class: 'mutate' }),
    remove(`/${kind}s/{id}`, `${kind} rm`),
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
const apiOnlyReads = new Set(['swarm inspect', 'swarm unlock-key', 'search', 'version', 'login', 'system ping', 'system debug']);

interface CompiledRoute extends ApiRoute {
  pattern: RegExp;
  routeClass: OperationClass;
}

/**
 * A mux template as gorilla compiles it: `{id}` is `[^/]+`, `{name:RE}` is RE, and Go's `.` (any
 * character but a newline) is not JavaScript's (which stops at \r and U+2028 too).
 */
function templatePattern(template: string): RegExp {
  const parts = template.split(/\{([^}]*)\}/);
  const source = parts.map((part, index) => {
    if (index % 2 === 0) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const colon = part.indexOf(':');
    return `(${colon < 0 ? '[^/]+' : part.slice(colon + 1).replace(/\./g, '[^\\n]')})`;
  });
  return new RegExp(`^${source.join('')}$`);
}

function compile(route: ApiRoute, classes: Map<string, OperationClass>): CompiledRoute {
  const routeClass = route.class ?? classes.get(route.operation);
  if (!routeClass && !apiOnlyReads.has(route.operation)) throw new Error(`API route ${route.method} ${route.path}: no class for "${route.operation}"`);
  return { ...route, pattern: templatePattern(route.path), routeClass: routeClass ?? 'read' };
}

let compiled: CompiledRoute[] | undefined;
function compiledRoutes(): CompiledRoute[] {
  if (!compiled) {
    const classes = commandClasses(dockerCommandTable);
    compiled = routes.map((route) => compile(route, classes));
  }
  return compiled;
}

/**
 * The path dockerd's router matches (decoded, without `/vX.Y`), or undefined when Go refuses the
 * request URI. A path mux would redirect (`//x`, `/a/../b`) is given clean: where the client is sent.
 */
export function routedPath(requestTarget: string): string | undefined {
  const uri = parseGoRequestUri(requestTarget);
  if (uri === undefined) return undefined;
  const path = goCleanPath(uri.path);
  return /^\/v[0-9.]+\//.test(path) ? path.slice(path.indexOf('/', 1)) : path;
}

function queryValue(requestTarget: string, name: string): string | undefined {
  const rawQuery = parseGoRequestUri(requestTarget)?.rawQuery;
  return rawQuery ? (new URLSearchParams(rawQuery).get(name) ?? undefined) : undefined;
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
    const path = routedPath(requestTarget) ?? requestTarget;
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
