/**
 * Volumes by name, with their driver. A prune removes the volumes no container (running or
 * not) uses, named ones included — each listed by name in the guard request first.
 */
import type Dockerode from 'dockerode';
import * as vscode from 'vscode';

import { sortByName } from '../../../core/contexts/naturalOrder';
import { prunableVolumes } from '../../../core/engine/pruneListings';
import { showControls as shown } from '../../../core/text/foreignText';
import type { EngineObject, ObjectKind } from './objectKind';

const volumeIcon = new vscode.ThemeIcon('database');

function toObject(info: Dockerode.VolumeInspectInfo): EngineObject {
  return {
    ref: info.Name,
    name: shown(info.Name),
    description: shown(info.Driver),
    icon: volumeIcon,
    tooltip: `${shown(info.Name)}\nDriver: ${shown(info.Driver)}\nMountpoint: ${shown(info.Mountpoint)}`,
    flags: [],
  };
}

/** The engine answers `"Volumes": null` when there are none. */
function toObjects(answer: { Volumes: Dockerode.VolumeInspectInfo[] | null }): EngineObject[] {
  return sortByName((answer.Volumes ?? []).map(toObject));
}

export const volumeKind: ObjectKind = {
  id: 'volume',
  group: { label: 'Volumes', icon: volumeIcon },
  prunable: 'unused volumes',
  list: async (fetch) => toObjects(await fetch('/volumes')),
  inspect: (api, volume) => api.getVolume(volume.ref).inspect(),
  remove: (api, volume) => api.getVolume(volume.ref).remove(),
  pruneCandidates: async (fetch) => sortByName((await prunableVolumes(fetch)).map(toObject)),
};
