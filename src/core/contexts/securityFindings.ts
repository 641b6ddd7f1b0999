/**
 * What is risky about a context's configuration, in words a person can act on. The tree, the
 * status bar and `inspect` show the same findings.
 */
import { showControls } from '../text/foreignText';
import type { DockerContext } from './dockerContext';
import { isForeignName, nameSkeleton } from './lookAlikeNames';

export type FindingSeverity = 'danger' | 'warning';

export interface SecurityFinding {
  severity: FindingSeverity;
  message: string;
}

export function securityFindings(context: DockerContext): SecurityFinding[] {
  const findings: SecurityFinding[] = [];
  if (isForeignName(context.name)) {
    findings.push({
      severity: 'danger',
      message: `Docker never makes a context named "${showControls(context.name)}": it comes from a file someone else wrote, and may imitate another context's name (it reads as "${showControls(nameSkeleton(context.name))}").`,
    });
  }
  if (context.transport === 'tcp') {
    findings.push({
      severity: 'danger',
      message: 'Plain TCP: traffic is unencrypted and unauthenticated; anyone who reaches this port controls the engine and its host.',
    });
  }
  if (context.skipTLSVerify) {
    findings.push({ severity: 'danger', message: "TLS verification is off (SkipTLSVerify): the engine's identity is not checked." });
  }
  if (context.host.startsWith('tcp://') && endpointPort(context.host) === '') {
    findings.push({
      severity: 'warning',
      message: `The endpoint names no port: docker connects to port ${context.transport === 'tls' ? '443' : '80'}, not Docker's ${context.transport === 'tls' ? '2376' : '2375'}.`,
    });
  }
  const filesMatter = context.transport === 'tls' && !context.keysInSecretStorage;
  if (filesMatter && context.tls.cert !== context.tls.key) {
    findings.push({ severity: 'warning', message: 'The TLS client certificate and key are not both present: the engine will reject the client.' });
  }
  if (filesMatter && !context.tls.ca && !context.skipTLSVerify) {
    findings.push({ severity: 'warning', message: "No CA certificate: the engine is verified against the system's public CAs, not your own." });
  }
  return findings;
}

function endpointPort(host: string): string | undefined {
  try {
    return new URL(host).port;
  } catch {
    return undefined;
  }
}
