/**
 * What each prune removes right now, from the engine's own listings (moby's daemon prune rules;
 * pruneScope.ts): one definition for the sidebar's Prune and the agents' prune tools, each of
 * which then removes exactly what was listed — so what the guard (and the person it asked)
 * saw is what goes, even if more became prunable meanwhile.
 */
import type Dockerode from 'dockerode';

import type { ListingFetch } from './boundedListing';
import { prunableContainerStatuses } from './pruneScope';

const predefinedNetworks = new Set(['bridge', 'host', 'none']);

/** The networks an engine makes itself (bridge, host, none, a swarm's ingress): never removed. */
export function isBuiltinNetwork(info: Dockerode.NetworkInspectInfo): boolean {
  return predefinedNetworks.has(info.Name) || info.Ingress === true;
}

const allContainers = (fetch: ListingFetch) => fetch<Dockerode.ContainerInfo[]>('/containers/json', { all: true });

/** Containers that are not running, paused or restarting. */
export function prunableContainers(fetch: ListingFetch): Promise<Dockerode.ContainerInfo[]> {
  return fetch<Dockerode.ContainerInfo[]>('/containers/json', { all: true, filters: { status: [...prunableContainerStatuses] } });
}

/** Dangling images that no container, running or not, uses. */
export async function prunableImages(fetch: ListingFetch): Promise<Dockerode.ImageInfo[]> {
  const [images, containers] = await Promise.all([fetch<Dockerode.ImageInfo[]>('/images/json', { filters: { dangling: ['true'] } }), allContainers(fetch)]);
  const used = new Set(containers.map((container) => container.ImageID));
  return images.filter((image) => !used.has(image.Id));
}

/** Volumes no container uses, named ones included (the engine answers `"Volumes": null` when there are none). */
export async function prunableVolumes(fetch: ListingFetch): Promise<Dockerode.VolumeInspectInfo[]> {
  return (await fetch<{ Volumes: Dockerode.VolumeInspectInfo[] | null }>('/volumes', { filters: { dangling: ['true'] } })).Volumes ?? [];
}

/** Custom networks that no container, running or stopped, is attached to. */
export async function prunableNetworks(fetch: ListingFetch): Promise<Dockerode.NetworkInspectInfo[]> {
  const [networks, containers] = await Promise.all([fetch<Dockerode.NetworkInspectInfo[]>('/networks'), allContainers(fetch)]);
  // By id and by name: a stopped container's attachment may have lost its NetworkID.
  const used = new Set(
    containers.flatMap((container) => Object.entries(container.NetworkSettings?.Networks ?? {}).flatMap(([name, attached]) => [name, attached.NetworkID])),
  );
  return networks.filter((network) => !used.has(network.Id) && !used.has(network.Name) && !isBuiltinNetwork(network));
}
