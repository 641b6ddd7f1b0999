/**
 * Containers: all of them in one `listContainers({ all: true })`, the ones that are up first
 * (what people look for), each half by name. A prune removes the stopped ones it listed, never
 * with force, so a container started meanwhile survives.
 */
import type Dockerode from 'dockerode';
import * as vscode from 'vscode';

import { sortByName } from '../../../core/contexts/naturalOrder';
import { prunableContainers } from '../../../core/engine/pruneListings';
import { shortId } from '../../../core/text/dockerFormat';
import { showControls as shown } from '../../../core/text/foreignText';
import type { EngineObject, ObjectKind } from './objectKind';

const stateIcons: Record<string, vscode.ThemeIcon> = {
  running: new vscode.ThemeIcon('vm-running', new vscode.ThemeColor('charts.green')),
  paused: new vscode.ThemeIcon('debug-pause', new vscode.ThemeColor('charts.yellow')),
  restarting: new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('charts.yellow')),
  removing: new vscode.ThemeIcon('trash'),
  dead: new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')),
};
const stoppedIcon = new vscode.ThemeIcon('vm-outline');

/** States in which a container holds resources: it must be stopped, or removed with force. */
const upStates = new Set(['running', 'paused', 'restarting']);

function isUp(container: EngineObject): boolean {
  return container.flags.some((flag) => upStates.has(flag));
}

function toObject(info: Dockerode.ContainerInfo): EngineObject {
  const name = shown(info.Names?.[0]?.replace(/^\//, '') || shortId(info.Id));
  const image = shown(info.Image.startsWith('sha256:') ? shortId(info.Image) : info.Image);
  const ports = (info.Ports ?? []).map((port) =>
    shown((port.PublicPort ? `${port.IP ? `${port.IP}:` : ''}${port.PublicPort}->` : '') + `${port.PrivatePort}/${port.Type}`),
  );
  return {
    ref: info.Id,
    name,
    description: `${image} · ${shown(info.Status)}`,
    icon: stateIcons[info.State] ?? stoppedIcon,
    tooltip: [
      `${name} (${shown(shortId(info.Id))})`,
      `Image: ${image}`,
      `Command: ${shown(info.Command)}`,
      `State: ${shown(info.Status)}`,
      ...(ports.length ? [`Ports: ${ports.join(', ')}`] : []),
    ].join('\n'),
    flags: [info.State],
  };
}

export const containerKind: ObjectKind = {
  id: 'container',
  group: { label: 'Containers', icon: new vscode.ThemeIcon('package') },
  prunable: 'stopped containers',
  async list(fetch) {
    const sorted = sortByName((await fetch<Dockerode.ContainerInfo[]>('/containers/json', { all: true })).map(toObject));
    return [...sorted.filter(isUp), ...sorted.filter((container) => !isUp(container))];
  },
  inspect: (api, container) => api.getContainer(container.ref).inspect(),
  // Force only what is up: the guard has already allowed taking it down.
  remove: (api, container) => api.getContainer(container.ref).remove({ force: isUp(container) }),
  killedByRemoval: isUp,
  pruneCandidates: async (fetch) => sortByName((await prunableContainers(fetch)).map(toObject)),
};
