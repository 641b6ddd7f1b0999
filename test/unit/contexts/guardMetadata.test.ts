/**
 * This extension's fields in meta.json (tier, the SecretStorage marker) written in place over a
 * corpus of meta.json texts docker reads — docker's own, pretty-printed, case-folded keys,
 * duplicate members, a null or missing Metadata, big numbers, escapes, another endpoint: after
 * every edit the real docker CLI reads the same context (only DockerContextGuard changed, and
 * as we read it), every foreign member keeps its bytes, and undoing the edits gives the file back.
 */
import * as assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

import { contextDirName } from '../../../src/core/contexts/contextNames';
import { ContextStore } from '../../../src/core/contexts/contextStore';
import { goFoldName, type GoJsonNode, parseGoJson } from '../../../src/core/contexts/goJson';
import { guardMetadataKey } from '../../../src/core/contexts/guardMetadata';
import { dockerCli } from '../../support/dockerCli';
import { useTempDirs } from '../../support/tempDir';

const name = 'odd';
const endpoint = '"Endpoints":{"docker":{"Host":"tcp://127.0.0.1:2376","SkipTLSVerify":false}}';

/** meta.json texts docker reads; `restores`: its Metadata is an object without our fields, so undoing every edit gives these bytes back. */
const corpus: { label: string; text: string; restores: boolean }[] = [
  {
    label: 'foreign fields: numbers, escapes, another endpoint',
    restores: true,
    text: `{"Name":"odd","Metadata":{"Description":"d","Other":{"n":1.50,"big":123456789012345678901234567890,"s":"\\u00e9\\/"}},"Endpoints":{"docker":{"Host":"tcp://127.0.0.1:2376","SkipTLSVerify":false},"kubernetes":{"x":[1,2.0]}}}`,
  },
  {
    label: 'pretty-printed, CRLF, a trailing newline',
    restores: true,
    text: `{\r\n  "Name": "odd",\r\n  "Metadata": {\r\n    "Description": "d"\r\n  },\r\n  ${endpoint}\r\n}\r\n`,
  },
  { label: 'an empty Metadata', restores: true, text: `{"Name":"odd","Metadata":{},${endpoint}}` },
  { label: 'case-folded keys (docker reads "metadata" as Metadata)', restores: true, text: `{"NAME":"odd","metadata":{"Description":"folded"},${endpoint}}` },
  {
    label: 'Metadata twice (docker takes the last)',
    restores: true,
    text: `{"Name":"odd","Metadata":{"Description":"first","DockerContextGuard":{"tier":"local"}},"Metadata":{"Description":"second"},${endpoint}}`,
  },
  {
    label: 'our fields twice, and one of a later version',
    restores: false,
    text: `{"Name":"odd","Metadata":{"DockerContextGuard":{"tier":"local"},"Description":"d","DockerContextGuard":{"tier":"production","future":"kept"}},${endpoint}}`,
  },
  { label: 'our field not an object', restores: false, text: `{"Name":"odd","Metadata":{"DockerContextGuard":"junk","Description":"d"},${endpoint}}` },
  { label: 'a null Metadata', restores: false, text: `{"Name":"odd","Metadata":null,${endpoint}}` },
  { label: 'no Metadata', restores: false, text: `{"Name":"odd",${endpoint}}` },
];

type Json = Record<string, unknown>;
const withoutGuard = (metadata: unknown) => Object.fromEntries(Object.entries((metadata ?? {}) as Json).filter(([key]) => key !== guardMetadataKey));

/** The raw text of every member that is not ours: top-level ones but the effective Metadata, and that Metadata's but DockerContextGuard. */
function foreignMembers(text: string): string[] {
  const root = parseGoJson(text, 'reject') as Extract<GoJsonNode, { kind: 'object' }>;
  const isMetadata = (key: string) => goFoldName(key) === goFoldName('Metadata');
  const effective = root.members.filter((member) => isMetadata(member.key)).at(-1);
  const raw = (member: { keyStart: number; value: GoJsonNode }) => text.slice(member.keyStart, member.value.end);
  const inMetadata = effective?.value.kind === 'object' ? effective.value.members.filter((member) => member.key !== guardMetadataKey).map(raw) : [];
  return [...root.members.filter((member) => member !== effective).map(raw), ...inMetadata];
}

describe('our fields in meta.json, edited in place (the real docker CLI reads the result)', () => {
  const tempDir = useTempDirs('guard-meta');

  for (const { label, text, restores } of corpus) {
    it(label, async () => {
      const configDir = await tempDir();
      const docker = dockerCli(configDir);
      const store = new ContextStore(configDir, {});
      const file = store.metaFileOf(name);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, text);
      assert.equal(path.basename(path.dirname(file)), contextDirName(name));
      const inspect = async () => (JSON.parse(await docker.ok('context', 'inspect', name)) as Json[])[0];
      const original = await inspect();

      const steps: [string, () => Promise<void>][] = [
        ['tier staging', () => store.setTier(name, 'staging')],
        ['keys in SecretStorage', () => store.setKeysLocation(name, 'secretStorage')],
        ['keys in the Docker CLI store', () => store.setKeysLocation(name, 'dockerCli')],
        ['tier cleared', () => store.setTier(name, null)],
      ];
      for (const [step, edit] of steps) {
        const before = await readFile(file, 'utf8');
        await edit();
        const after = await readFile(file, 'utf8');
        const theirs = await inspect();
        assert.deepEqual(
          [theirs.Name, theirs.Endpoints, withoutGuard(theirs.Metadata)],
          [original.Name, original.Endpoints, withoutGuard(original.Metadata)],
          `${step}: docker reads another context`,
        );
        const guard = ((theirs.Metadata as Json | undefined)?.[guardMetadataKey] ?? {}) as Json;
        const ours = await store.get(name);
        assert.deepEqual(
          [ours.storedTier, ours.keysInSecretStorage],
          [guard.tier ?? null, guard.keys === 'secretStorage'],
          `${step}: docker and we read our fields differently`,
        );
        assert.deepEqual(foreignMembers(after), foreignMembers(before), `${step}: a foreign member changed`);
      }
      const last = ((await inspect()).Metadata as Json | undefined)?.[guardMetadataKey] as Json | undefined;
      assert.equal(last?.tier, undefined);
      assert.equal(last?.keys, undefined);
      if (restores) assert.equal(await readFile(file, 'utf8'), text, 'undoing every edit gives the file back byte for byte');
    });
  }
});
