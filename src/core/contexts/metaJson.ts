/**
 * A context's meta.json decoded exactly as the Docker CLI decodes it (docker/cli
 * cli/context/store/metadatastore.go with the types of cli/command/context.go and
 * cli/context/endpoint.go), so the endpoint shown is the one docker dials:
 *
 *   json.Unmarshal into { Name string; Metadata json.RawMessage; Endpoints map[string]json.RawMessage }
 *   then Metadata into DockerContext (a map: "Description" and other keys matched exactly),
 *   and Endpoints["docker"] into { Host string; SkipTLSVerify bool } (struct fields: folded keys).
 *
 * Where docker fails to read the file (`docker context ls` then fails as a whole) this throws
 * MetaJsonError with the reason; the store lists such a context as broken instead.
 */
import { goAnyValue, type GoJsonNode, type GoJsonObject, goMapEntries, parseGoJson, structBool, structFieldValues, structString } from './goJson';

export class MetaJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetaJsonError';
  }
}

export interface DockerMeta {
  name: string;
  /** DockerContext's map: null when Metadata is absent or null. */
  metadata: Map<string, GoJsonNode> | null;
  /** Endpoint name → its JSON (null stays a null node: docker then says the endpoint has the wrong type). */
  endpoints: Map<string, GoJsonNode>;
}

export interface DockerEndpointMeta {
  host: string;
  skipTLSVerify: boolean;
}

export const dockerEndpointName = 'docker';

const topLevel = 'Go struct field untypedContextMetadata';

export function decodeMetaJson(text: string): DockerMeta {
  const root = parseGoJson(text, 'reject');
  if (root.kind === 'null') return { name: '', metadata: null, endpoints: new Map() };
  if (root.kind !== 'object') throw new MetaJsonError(`json: cannot unmarshal ${root.kind} into Go value of type store.untypedContextMetadata`);
  const name = structString(root, 'name', topLevel);
  if (name.typeError) throw new MetaJsonError(name.typeError.message);
  const meta: DockerMeta = { name: name.value ?? '', metadata: metadataOf(structFieldValues(root, 'metadata').at(-1)), endpoints: endpointsOf(root) };
  for (const [endpoint, node] of meta.endpoints) {
    if (endpoint === dockerEndpointName) decodeDockerEndpoint(node);
    else if (node.kind !== 'object' && node.kind !== 'null')
      throw new MetaJsonError(`json: cannot unmarshal ${node.kind} into Go value of type map[string]interface {}`);
  }
  return meta;
}

/** A json.RawMessage map decoded again into `map[string]any` by DockerContext.UnmarshalJSON, whose "Description" must be a string. */
function metadataOf(raw: GoJsonNode | undefined): Map<string, GoJsonNode> | null {
  if (raw === undefined || raw.kind === 'null') return null;
  if (raw.kind !== 'object') throw new MetaJsonError(`json: cannot unmarshal ${raw.kind} into Go value of type map[string]interface {}`);
  const entries = goMapEntries(raw);
  const description = entries.get('Description');
  // DockerContext.UnmarshalJSON asserts v.(string): anything else makes docker panic.
  if (description !== undefined && description.kind !== 'string')
    throw new MetaJsonError(`Metadata.Description is ${description.kind}, not a string (the Docker CLI panics on it)`);
  return entries;
}

/** `map[string]json.RawMessage` given once or more: one map across the members, null emptying it. */
function endpointsOf(root: GoJsonObject): Map<string, GoJsonNode> {
  const endpoints = new Map<string, GoJsonNode>();
  for (const node of structFieldValues(root, 'endpoints')) {
    if (node.kind === 'null') endpoints.clear();
    else if (node.kind === 'object') for (const [key, value] of goMapEntries(node)) endpoints.set(key, value);
    else throw new MetaJsonError(`json: cannot unmarshal ${node.kind} into ${topLevel}.endpoints of type map[string]json.RawMessage`);
  }
  return endpoints;
}

function decodeDockerEndpoint(node: GoJsonNode): DockerEndpointMeta | null {
  if (node.kind === 'null') return null;
  if (node.kind !== 'object') throw new MetaJsonError(`json: cannot unmarshal ${node.kind} into Go value of type context.EndpointMetaBase`);
  const where = 'Go struct field EndpointMetaBase';
  const host = structString(node, 'Host', where);
  const skip = structBool(node, 'SkipTLSVerify', where);
  const typeError = host.typeError ?? skip.typeError;
  if (typeError) throw new MetaJsonError(typeError.message);
  return { host: host.value ?? '', skipTLSVerify: skip.value ?? false };
}

/** The docker endpoint as `docker.EndpointFromContext` gives it, or docker's complaint (shown as the context's error). */
export function dockerEndpointOf(meta: DockerMeta): DockerEndpointMeta | { error: string } {
  const node = meta.endpoints.get(dockerEndpointName);
  if (node === undefined) return { error: 'cannot find docker endpoint in context' };
  return decodeDockerEndpoint(node) ?? { error: `endpoint "${dockerEndpointName}" is not of type EndpointMeta` };
}

/** A member of Metadata as DockerContext keeps it (exact key, last one), as a plain value. */
export function metadataValue(meta: DockerMeta, key: string): unknown {
  const node = meta.metadata?.get(key);
  return node === undefined ? undefined : goAnyValue(node);
}

/**
 * meta.json as the Docker CLI writes it back (`docker context update`, and `inspect` shows):
 * each field once under its own name with the value docker read, so nothing is left for
 * another reader to resolve differently.
 */
export function dockerMetaView(meta: DockerMeta): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  if (meta.name) view.Name = meta.name;
  if (meta.metadata) {
    const entries = [...meta.metadata].filter(([key, node]) => !(key === 'Description' && node.kind === 'string' && node.value === ''));
    view.Metadata = Object.fromEntries(entries.map(([key, node]) => [key, goAnyValue(node)]));
  }
  if (meta.endpoints.size > 0) {
    view.Endpoints = Object.fromEntries(
      [...meta.endpoints].map(([key, node]) => {
        if (key !== dockerEndpointName) return [key, goAnyValue(node)];
        const endpoint = decodeDockerEndpoint(node);
        return [key, endpoint && { ...(endpoint.host ? { Host: endpoint.host } : {}), SkipTLSVerify: endpoint.skipTLSVerify }];
      }),
    );
  }
  return view;
}
