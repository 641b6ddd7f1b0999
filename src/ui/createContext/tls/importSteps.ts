/**
 * Importing existing client TLS material in "Create TLS Context": a folder laid out as
 * docker-machine and Docker's docs do (ca.pem, cert.pem, key.pem) or the three files picked one
 * by one; then everything is validated before anything is saved, an encrypted key's passphrase
 * is asked for, and problems send the user back to the files with the reasons.
 */
import { readClientMaterialFromDir, readClientMaterialFromFiles } from '../../../core/certificates/readClientMaterial';
import { validateClientMaterial } from '../../../core/certificates/validateClientMaterial';
import { Back, type Prompts } from '../../prompts/prompts';
import type { WizardStep } from '../../prompts/wizard';
import { createTlsTitle as title } from './endpointSteps';
import type { TlsContextDraft } from './tlsContextDraft';

const folderLabel = 'A folder with ca.pem, cert.pem and key.pem';
const filesLabel = 'Three files: CA certificate, client certificate, client key';

async function pickPaths(prompts: Prompts, byFolder: boolean): Promise<string[] | undefined> {
  if (byFolder) {
    return prompts.openFiles({ title: `${title}: folder with ca.pem, cert.pem and key.pem`, canSelectFolders: true, canSelectFiles: false, openLabel: 'Import' });
  }
  const paths: string[] = [];
  for (const what of ['CA certificate (ca.pem)', 'client certificate (cert.pem)', 'client key (key.pem)']) {
    const picked = await prompts.openFiles({ title: `${title}: ${what}`, canSelectFiles: true, canSelectFolders: false, canSelectMany: false, openLabel: 'Select' });
    if (!picked?.length) return undefined;
    paths.push(picked[0]);
  }
  return paths;
}

export function importSteps(prompts: Prompts): WizardStep<TlsContextDraft>[] {
  return [
    async (draft, position) => {
      if (draft.source !== 'import') return 'skip';
      const picked = await prompts.pickStep([{ label: folderLabel }, { label: filesLabel }], { title, ...position, placeholder: 'Where are the files?' });
      if (picked === undefined) return 'cancel';
      if (picked === Back) return 'back';
      const paths = await pickPaths(prompts, picked.label === folderLabel);
      if (!paths?.length) return 'back';
      draft.importPaths = paths;
      return 'next';
    },
    async (draft, position) => {
      if (draft.source !== 'import') return 'skip';
      const paths = draft.importPaths ?? [];
      const read = paths.length === 1 ? await readClientMaterialFromDir(paths[0]) : await readClientMaterialFromFiles({ ca: paths[0], cert: paths[1], key: paths[2] });
      if (!read.ok) return reportProblems(prompts, read.problems.map((problem) => problem.message));
      let passphrase: string | undefined;
      for (;;) {
        const result = validateClientMaterial({ ...read.material, passphrase });
        if (result.valid) {
          const warnings = result.warnings.map((warning) => warning.message);
          if (warnings.length > 0 && !(await prompts.confirm('Import these certificates anyway?', warnings.join('\n'), 'Import'))) return 'back';
          draft.imported = { caPem: read.material.caPem, certPem: read.material.certPem, keyPem: result.keyPem };
          return 'next';
        }
        const needsPassphrase = result.problems.find((problem) => problem.code === 'passphraseRequired' || problem.code === 'wrongPassphrase');
        if (!needsPassphrase || result.problems.length > 1) return reportProblems(prompts, result.problems.map((problem) => problem.message));
        const answer = await prompts.inputStep({ title, ...position, password: true, prompt: needsPassphrase.message });
        if (answer === undefined) return 'cancel';
        if (answer === Back) return 'back';
        passphrase = answer;
      }
    },
  ];
}

/** Shows why the files cannot be imported, then goes back to choosing them. */
async function reportProblems(prompts: Prompts, messages: string[]): Promise<'back'> {
  await prompts.confirm('These certificates cannot be imported', messages.join('\n'), 'Choose Other Files');
  return 'back';
}
