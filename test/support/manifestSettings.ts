/** The settings package.json contributes, from every section of `contributes.configuration`, by full key. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import { repoRoot } from './repoPaths';

export interface ManifestSetting {
  default?: unknown;
}

interface Manifest {
  contributes: { configuration: { title: string; properties: Record<string, ManifestSetting> }[] };
}

export function manifestSettings(): Record<string, ManifestSetting> {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
  return Object.assign({}, ...manifest.contributes.configuration.map((section) => section.properties)) as Record<string, ManifestSetting>;
}
