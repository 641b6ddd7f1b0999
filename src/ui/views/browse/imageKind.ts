/**
 * Images, one row per tag as `docker images` prints them, untagged ones last as `<none>` with
 * their short id. Removing a tag untags it (and deletes the image with its last tag), like
 * `docker image rm repo:tag`. A prune removes the dangling images no container uses.
 */
import type Dockerode from 'dockerode';
import * as vscode from 'vscode';

import { sortByName } from '../../../core/contexts/naturalOrder';
import { prunableImages } from '../../../core/engine/pruneListings';
import { formatAge, formatSize, shortId } from '../../../core/text/dockerFormat';
import { showControls as shown } from '../../../core/text/foreignText';
import type { EngineObject, ObjectKind } from './objectKind';

const taggedIcon = new vscode.ThemeIcon('layers');
const danglingIcon = new vscode.ThemeIcon('layers-dot');

/** The creation time as ISO text, or what the engine sent when it is no time at all. */
function created(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? shown(String(seconds)) : date.toISOString();
}

function toObjects(info: Dockerode.ImageInfo): EngineObject[] {
  const description = `${formatSize(info.Size)} · ${formatAge(info.Created)}`;
  const tooltip = (name: string) => `${name}\nID: ${shown(shortId(info.Id))}\nSize: ${formatSize(info.Size)}\nCreated: ${created(info.Created)}`;
  const tags = (info.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>');
  if (tags.length === 0) {
    const name = `<none> (${shown(shortId(info.Id))})`;
    return [{ ref: info.Id, name, description, icon: danglingIcon, tooltip: tooltip(name), flags: ['dangling'] }];
  }
  return tags.map((tag) => ({ ref: tag, name: shown(tag), description, icon: taggedIcon, tooltip: tooltip(shown(tag)), flags: [] }));
}

export const imageKind: ObjectKind = {
  id: 'image',
  group: { label: 'Images', icon: new vscode.ThemeIcon('layers') },
  prunable: 'dangling images',
  async list(fetch) {
    const sorted = sortByName((await fetch<Dockerode.ImageInfo[]>('/images/json')).flatMap(toObjects));
    const dangling = (image: EngineObject) => image.flags.includes('dangling');
    return [...sorted.filter((image) => !dangling(image)), ...sorted.filter(dangling)];
  },
  inspect: (api, image) => api.getImage(image.ref).inspect(),
  remove: (api, image) => api.getImage(image.ref).remove(),
  pruneCandidates: async (fetch) => sortByName((await prunableImages(fetch)).flatMap(toObjects)),
};
