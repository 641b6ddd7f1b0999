/**
 * The implicit `default` context, which has no meta.json: the Docker CLI builds it from
 * DOCKER_HOST (read as the CLI reads it; else the platform socket) and the TLS variables
 * DOCKER_TLS_VERIFY / DOCKER_TLS / DOCKER_CERT_PATH.
 */
import { access } from 'node:fs/promises';
import * as path from 'node:path';

import { defaultContextName } from './contextNames';
import { type DockerContext, noTlsFiles } from './dockerContext';
import { normalizeDockerHost, platformDefaultHost, transportOf } from './endpoint';
import { tlsFileNames, type TlsPart, tlsParts } from './tls/tlsMaterial';

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

export async function defaultContext(env: NodeJS.ProcessEnv, configDir: string, platform = process.platform): Promise<DockerContext> {
  const usesTls = Boolean(env.DOCKER_TLS_VERIFY || env.DOCKER_TLS);
  const certDir = env.DOCKER_CERT_PATH || configDir;
  const present = async (part: TlsPart) => [part, await exists(path.join(certDir, tlsFileNames[part]))] as const;
  const tls = usesTls ? (Object.fromEntries(await Promise.all(tlsParts.map(present))) as Record<TlsPart, boolean>) : noTlsFiles;
  const context: DockerContext = {
    name: defaultContextName,
    description: 'Current DOCKER_HOST based configuration',
    host: env.DOCKER_HOST || platformDefaultHost(platform),
    transport: null,
    // DOCKER_TLS alone means `--tls` without `--tlsverify`: encrypted, but the server is not verified.
    skipTLSVerify: Boolean(env.DOCKER_TLS) && !env.DOCKER_TLS_VERIFY,
    tls,
    storedTier: null,
    keysInSecretStorage: false,
    isDefault: true,
    error: null,
  };
  try {
    if (env.DOCKER_HOST) context.host = normalizeDockerHost(env.DOCKER_HOST, usesTls, platform);
    context.transport = transportOf(context.host, usesTls);
  } catch (error) {
    context.error = (error as Error).message;
  }
  return context;
}
