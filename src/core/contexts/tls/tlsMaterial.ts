/**
 * A context's TLS material, in one shape wherever it is kept (the Docker CLI's store, VS Code's
 * SecretStorage, an archive, a folder picked for import), and the one table of the file names
 * docker gives its parts (the context store, DOCKER_CERT_PATH, docker-machine, `context export`).
 */

/** Each part of the material and the file docker keeps it in. */
export const tlsFileNames = { ca: 'ca.pem', cert: 'cert.pem', key: 'key.pem' } as const;

export type TlsPart = keyof typeof tlsFileNames;
export type TlsFileName = (typeof tlsFileNames)[TlsPart];

/** The parts in docker's order (ca, cert, key), and their files in that order. */
export const tlsParts: readonly TlsPart[] = ['ca', 'cert', 'key'];
export const tlsFileList: readonly TlsFileName[] = tlsParts.map((part) => tlsFileNames[part]);

/** PEM text of each part; `caKeyPem` only where this extension generated the CA (to rotate the client certificate), never in a file docker reads. */
export type TlsMaterial = { [Part in TlsPart as `${Part}Pem`]: string } & { caKeyPem?: string };

export const pemOf = (material: Partial<TlsMaterial>, part: TlsPart): string | undefined => material[`${part}Pem`];

/** `found` when it holds all three parts, else undefined (docker takes any of them alone; this extension moves the three together). */
export function completeTlsMaterial(found: Partial<TlsMaterial> | undefined): TlsMaterial | undefined {
  const [caPem, certPem, keyPem] = tlsParts.map((part) => (found ? pemOf(found, part) : undefined));
  if (caPem === undefined || certPem === undefined || keyPem === undefined) return undefined;
  return { caPem, certPem, keyPem, ...(found?.caKeyPem === undefined ? {} : { caKeyPem: found.caKeyPem }) };
}
