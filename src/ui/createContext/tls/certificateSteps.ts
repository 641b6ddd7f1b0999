/**
 * The certificate steps of "Create TLS Context": generate a new set (key type, then the folder
 * that receives the server bundle to install on the engine's host, serverBundleFolder.ts) or
 * import existing client files (validated before anything is saved).
 */
import { isKeyType, keyTypeLabel, keyTypes } from '../../../core/certificates/keyTypes';
import { Back, type Prompts } from '../../prompts/prompts';
import type { WizardStep } from '../../prompts/wizard';
import type { Settings } from '../../state/settings';
import { createTlsTitle as title } from './endpointSteps';
import { importSteps } from './importSteps';
import { pickServerBundleFolder } from './serverBundleFolder';
import type { TlsContextDraft } from './tlsContextDraft';

const generateLabel = 'Generate new certificates';
const importLabel = 'Import existing certificates';

export function certificateSteps(prompts: Prompts, settings: Settings): WizardStep<TlsContextDraft>[] {
  // Until the user chooses, the counter follows the first choice (generate).
  const generating = (draft: TlsContextDraft) => draft.source !== 'import';
  return [
    {
      ask: async (draft, position) => {
        const items = [
          { label: generateLabel, description: 'A CA, a server certificate for the engine and a client certificate, made here' },
          { label: importLabel, description: 'ca.pem, cert.pem and key.pem you already have' },
        ];
        const picked = await prompts.pickStep(items, { title, ...position, placeholder: 'Certificates', active: items[draft.source === 'import' ? 1 : 0] });
        if (picked === undefined) return 'cancel';
        if (picked === Back) return 'back';
        draft.source = picked.label === generateLabel ? 'generate' : 'import';
        return 'next';
      },
    },
    {
      applies: generating,
      ask: async (draft, position) => {
        const preferred = draft.keyType ?? settings.certificateDefaults().keyType;
        const items = keyTypes.map((keyType) => ({ label: keyType, description: keyTypeLabel(keyType) }));
        const picked = await prompts.pickStep(items, { title, ...position, placeholder: 'Key type', active: items.find((item) => item.label === preferred) });
        if (picked === undefined) return 'cancel';
        if (picked === Back) return 'back';
        draft.keyType = isKeyType(picked.label) ? picked.label : undefined;
        return 'next';
      },
    },
    {
      applies: generating,
      // A file dialog: it shows no counter, so it takes no number.
      counted: false,
      ask: async (draft) => {
        const folder = await pickServerBundleFolder(
          prompts,
          `${title}: folder for the server bundle (ca.pem, server-cert.pem, server-key.pem) to install on ${draft.host}`,
        );
        if (folder === undefined) return 'back';
        draft.serverBundleDir = folder;
        return 'next';
      },
    },
    ...importSteps(prompts),
  ];
}
