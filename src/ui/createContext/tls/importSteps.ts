/**
 * Importing existing client TLS material in "Create TLS Context": a folder laid out as
 * docker-machine and Docker's docs do (ca.pem, cert.pem, key.pem) or the three files picked one
 * by one; everything is validated before anything is saved, and problems bring the user back to
 * the files with the reasons. An encrypted key's passphrase is a step of its own, on the path
 * (and in the step counter) only when the key needs one.
 */
import { readClientMaterialFromDir, readClientMaterialFromFiles } from '../../../core/certificates/readClientMaterial';
import { type ClientMaterial, validateClientMaterial } from '../../../core/certificates/validateClientMaterial';
import { Back, type Prompts } from '../../prompts/prompts';
import type { WizardStep } from '../../prompts/wizard';
import { createTlsTitle as title } from './endpointSteps';
import type { TlsContextDraft } from './tlsContextDraft';

const folderLabel = 'A folder with ca.pem, cert.pem and key.pem';
const filesLabel = 'Three files: CA certificate, client certificate, client key';

async function pickPaths(prompts: Prompts, byFolder: boolean): Promise<string[] | undefined> {
  if (byFolder) {
    return prompts.openFiles({
      title: `${title}: folder with ca.pem, cert.pem and key.pem`,
      canSelectFolders: true,
      canSelectFiles: false,
      openLabel: 'Import',
    });
  }
  const paths: string[] = [];
  for (const what of ['CA certificate (ca.pem)', 'client certificate (cert.pem)', 'client key (key.pem)']) {
    const picked = await prompts.openFiles({
      title: `${title}: ${what}`,
      canSelectFiles: true,
      canSelectFolders: false,
      canSelectMany: false,
      openLabel: 'Select',
    });
    if (!picked?.length) return undefined;
    paths.push(picked[0]);
  }
  return paths;
}

type Verdict = { kind: 'accepted' } | { kind: 'refused' } | { kind: 'passphrase'; prompt: string };

/**
 * Validates the files (with the passphrase typed, if any): accepted material, once the user saw
 * its warnings, lands in the draft; a key that only lacks its passphrase asks for it; anything
 * else is shown and refused.
 */
async function judge(prompts: Prompts, draft: TlsContextDraft, material: ClientMaterial, passphrase?: string): Promise<Verdict> {
  const result = validateClientMaterial({ ...material, passphrase });
  if (result.valid) {
    const warnings = result.warnings.map((warning) => warning.message);
    if (warnings.length > 0 && !(await prompts.confirm('Import these certificates anyway?', warnings.join('\n'), 'Import'))) return { kind: 'refused' };
    draft.imported = { caPem: material.caPem, certPem: material.certPem, keyPem: result.keyPem };
    return { kind: 'accepted' };
  }
  const needsPassphrase = result.problems.find((problem) => problem.code === 'passphraseRequired' || problem.code === 'wrongPassphrase');
  if (needsPassphrase && result.problems.length === 1) return { kind: 'passphrase', prompt: needsPassphrase.message };
  await reportProblems(
    prompts,
    result.problems.map((problem) => problem.message),
  );
  return { kind: 'refused' };
}

export function importSteps(prompts: Prompts): WizardStep<TlsContextDraft>[] {
  return [
    {
      applies: (draft) => draft.source === 'import',
      ask: async (draft, position) => {
        for (;;) {
          draft.imported = undefined;
          draft.encryptedKey = undefined;
          const picked = await prompts.pickStep([{ label: folderLabel }, { label: filesLabel }], { title, ...position, placeholder: 'Where are the files?' });
          if (picked === undefined) return 'cancel';
          if (picked === Back) return 'back';
          const paths = await pickPaths(prompts, picked.label === folderLabel);
          if (!paths?.length) continue;
          const read =
            paths.length === 1 ? await readClientMaterialFromDir(paths[0]) : await readClientMaterialFromFiles({ ca: paths[0], cert: paths[1], key: paths[2] });
          if (!read.ok) {
            await reportProblems(
              prompts,
              read.problems.map((problem) => problem.message),
            );
            continue;
          }
          const verdict = await judge(prompts, draft, read.material);
          if (verdict.kind === 'refused') continue;
          if (verdict.kind === 'passphrase') draft.encryptedKey = { material: read.material, prompt: verdict.prompt };
          return 'next';
        }
      },
    },
    {
      applies: (draft) => draft.source === 'import' && draft.encryptedKey !== undefined,
      ask: async (draft, position) => {
        const { material } = draft.encryptedKey!;
        let prompt = draft.encryptedKey!.prompt;
        for (;;) {
          const answer = await prompts.inputStep({ title, ...position, password: true, prompt });
          if (answer === undefined) return 'cancel';
          if (answer === Back) return 'back';
          const verdict = await judge(prompts, draft, material, answer);
          if (verdict.kind !== 'passphrase') return verdict.kind === 'accepted' ? 'next' : 'back';
          prompt = verdict.prompt;
        }
      },
    },
  ];
}

/** Shows why the files cannot be imported; the user then chooses them again. */
async function reportProblems(prompts: Prompts, messages: string[]): Promise<void> {
  await prompts.confirm('These certificates cannot be imported', messages.join('\n'), 'Choose Other Files');
}
