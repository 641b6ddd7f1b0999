/**
 * Networks by name, with driver and scope. The predefined ones (bridge, host, none) cannot be
 * removed, so they carry the `builtin` flag that hides "Remove". A prune removes the custom
 * networks that no container, running or stopped, is attached to.
 */
import type Dockerode from 'dockerode';
import * as vscode from 'vscode';

import { sortByName } from '../../../core/contexts/naturalOrder';
import { shortId } from '../../../core/text/dockerFormat';
import { showControls as shown } from '../../../core/text/foreignText';
import type { EngineObject, ObjectKind } from './objectKind';

const networkIcon = new vscode.ThemeIcon('globe');
const predefined = new Set(['bridge', 'host', 'none']);

function toObject(info: Dockerode.NetworkInspectInfo): EngineObject {
  const builtin = predefined.has(info.Name) || info.Ingress;
  return {
    ref: info.Id,
    name: shown(info.Name),
    description: shown(`${info.Driver} · ${info.Scope}`),
    icon: networkIcon,
    tooltip: `${shown(info.Name)} (${shown(shortId(info.Id))})\nDriver: ${shown(info.Driver)}\nScope: ${shown(info.Scope)}${info.Internal ? '\nInternal' : ''}`,
    flags: builtin ? ['builtin'] : [],
  };
}

export const networkKind: ObjectKind = {
  id: 'network',
  group: { label: 'Networks', icon: networkIcon },
  prunable: 'unused custom networks',
  list: async (fetch) => sortByName((await fetch<Dockerode.NetworkInspectInfo[]>('/networks')).map(toObject)),
  inspect: (api, network) => api.getNetwork(network.ref).inspect(),
  remove: (api, network) => api.getNetwork(network.ref).remove(),
  async pruneCandidates(fetch) {
    const [networks, containers] = await Promise.all([
      fetch<Dockerode.NetworkInspectInfo[]>('/networks'),
      fetch<Dockerode.ContainerInfo[]>('/containers/json', { all: true }),
    ]);
    // By id and by name: a stopped container's attachment may have lost its NetworkID.
    const used = new Set(
      containers.flatMap((container) => Object.entries(container.NetworkSettings?.Networks ?? {}).flatMap(([name, attached]) => [name, attached.NetworkID])),
    );
    const unused = networks.filter((network) => !used.has(network.Id) && !used.has(network.Name));
    return sortByName(unused.map(toObject).filter((network) => !network.flags.includes('builtin')));
  },
};
