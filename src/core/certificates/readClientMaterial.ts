/**
 * Client TLS material read from disk: a folder laid out as docker-machine, DOCKER_CERT_PATH and
 * Docker's own guide leave it (ca.pem, cert.pem and key.pem side by side), or three files picked
 * one by one. Every missing or unreadable file is reported, not just the first.
 */
import * as path from 'node:path';

import { tlsFileNames, type TlsMaterial, tlsParts } from '../contexts/tls/tlsMaterial';
import type { MaterialFile, ValidationProblem } from './materialProblems';
import { readPemFile } from './pemFiles';

export type ClientMaterialFiles = { ok: true; material: TlsMaterial } | { ok: false; problems: ValidationProblem[] };

const roles: Record<MaterialFile, string> = { ca: 'CA certificate', cert: 'client certificate', key: 'client key' };

export function readClientMaterialFromDir(dir: string): Promise<ClientMaterialFiles> {
  const inDir = (file: MaterialFile) => path.join(dir, tlsFileNames[file]);
  return readClientMaterialFromFiles({ ca: inDir('ca'), cert: inDir('cert'), key: inDir('key') });
}

export async function readClientMaterialFromFiles(paths: Record<MaterialFile, string>): Promise<ClientMaterialFiles> {
  // Read in parallel; problems are reported in the files' order, whichever read failed first.
  const reads = await Promise.all(
    tlsParts.map((file) =>
      readPemFile(paths[file]).then(
        (text) => ({ text }),
        (error: NodeJS.ErrnoException) => ({ problem: readProblem(file, paths[file], error) }),
      ),
    ),
  );
  const problems = reads.flatMap((read) => ('problem' in read ? [read.problem] : []));
  if (problems.length > 0) return { ok: false, problems };
  const [caPem, certPem, keyPem] = reads.map((read) => ('text' in read ? read.text : ''));
  return { ok: true, material: { caPem, certPem, keyPem } };
}

function readProblem(file: MaterialFile, filePath: string, error: NodeJS.ErrnoException): ValidationProblem {
  const what = `The ${roles[file]} ${filePath}`;
  switch (error.code) {
    case 'ENOENT':
      return { code: 'missingFile', file, message: `${what} does not exist.` };
    case 'EFBIG':
      return { code: 'fileTooLarge', file, message: `${what} is over 1 MiB: too large for a certificate or key.` };
    default:
      return { code: 'unreadable', file, message: `${what} cannot be read: ${error.message}` };
  }
}
