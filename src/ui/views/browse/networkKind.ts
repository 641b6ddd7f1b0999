/**
 * Networks by name, with driver and scope. The predefined ones (bridge, host, none) cannot be
 * removed, so they carry the `builtin` flag that hides "Remove". A prune removes the custom
 * networks that no container, running or stopped, is attached to.
 */
import type Dockerode from 'dockerode';
import * as vscode from 'vscode';

import { sortByName } from '../../../core/contexts/naturalOrder';
import { isBuiltinNetwork, prunableNetworks } from '../../../core/engine/pruneListings';
import { shortId } from '../../../core/text/dockerFormat';
import { showControls as shown } from '../../../core/text/foreignText';
import type { EngineObject, ObjectKind } from './objectKind';

const networkIcon = new vscode.ThemeIcon('globe');

function toObject(info: Dockerode.NetworkInspectInfo): EngineObject {
  const builtin = isBuiltinNetwork(info);
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
  pruneCandidates: async (fetch) => sortByName((await prunableNetworks(fetch)).map(toObject)),
};
