/**
 * The README of a server bundle: how to make the engine listen with TLS and client verification
 * (Docker's "Protect the Docker daemon socket" and "Configure remote access"), and how the
 * contexts already made with it then connect (their client keys stay where they are: SecretStorage
 * or the Docker CLI's store; none is in the bundle). The listen addresses go in daemon.json, and the stock systemd unit's
 * `dockerd -H fd://` must then be overridden: dockerd refuses to start when its command line and
 * daemon.json both set `hosts`.
 */
import { describeCertificate } from './describeCertificate';
import { tcpEndpoint } from './hostNames';
import type { ServerBundleMaterial } from './serverBundle';

export interface ServerBundleReadmeOptions {
  /** The engine's host as clients dial it. */
  host: string;
  /** The TLS port (default 2376, Docker's). */
  port?: number;
  /** The contexts that already hold a client certificate of this CA. */
  contexts: readonly BundleContext[];
  /** This CA replaces the engine's earlier one ("Rotate CA"). */
  replacesCa?: boolean;
}

export interface BundleContext {
  name: string;
  /** Where the context keeps its client key: VS Code's SecretStorage, or the Docker CLI's store. */
  keys: 'secretStorage' | 'dockerCli';
}

export const defaultTlsPort = 2376;

/** Where the README installs the files on the engine's host. */
const installDir = '/etc/docker/tls';

const fence = '```';

export function serverBundleReadme(material: ServerBundleMaterial, options: ServerBundleReadmeOptions): string {
  const port = options.port ?? defaultTlsPort;
  const server = describeCertificate(material.server.certPem);
  const ca = describeCertificate(material.ca.certPem);
  const daemonJson = {
    tls: true,
    tlsverify: true,
    tlscacert: `${installDir}/ca.pem`,
    tlscert: `${installDir}/server-cert.pem`,
    tlskey: `${installDir}/server-key.pem`,
    hosts: ['unix:///var/run/docker.sock', `tcp://0.0.0.0:${port}`],
  };
  return `# Docker engine TLS files for ${options.host}

| File | What it is |
| --- | --- |
| \`ca.pem\` | The CA certificate: the engine accepts only clients whose certificate this CA signed. |
| \`server-cert.pem\` | The engine's certificate, for ${[...server.dnsNames, ...server.ipAddresses].join(', ')}, valid until ${server.notAfter}. |
| \`server-key.pem\` | The engine's private key: keep it readable by root only. |

The CA is valid until ${ca.notAfter}. Neither the CA's key nor the client's key is in this folder.
Issue new certificates before these dates.
${options.replacesCa ? replacementNote : ''}
## 1. Install the files on ${options.host}

${fence}sh
sudo install -d -m 0700 ${installDir}
sudo install -m 0644 ca.pem server-cert.pem ${installDir}/
sudo install -m 0600 server-key.pem ${installDir}/
${fence}

## 2. Configure the engine: \`/etc/docker/daemon.json\`

Merge these keys into the file (create it if it does not exist):

${fence}json
${JSON.stringify(daemonJson, null, 2)}
${fence}

## 3. Let daemon.json set the listen addresses (systemd)

The stock \`docker.service\` starts \`dockerd -H fd://\`, and dockerd refuses to start when both its
command line and daemon.json set \`hosts\`. Clear the unit's command line with an override, check
the configuration, and restart:

${fence}sh
sudo mkdir -p /etc/systemd/system/docker.service.d
printf '[Service]\\nExecStart=\\nExecStart=/usr/bin/dockerd\\n' | sudo tee /etc/systemd/system/docker.service.d/override.conf
sudo dockerd --validate --config-file /etc/docker/daemon.json
sudo systemctl daemon-reload
sudo systemctl restart docker
${fence}

\`/etc/systemd/system/docker.service.d/override.conf\` then reads:

${fence}ini
[Service]
ExecStart=
ExecStart=/usr/bin/dockerd
${fence}

Allow TCP port ${port} through the firewall only from the machines that need the engine.

## 4. Connect from a client

${clientSteps(options.contexts, tcpEndpoint(options.host, port))}`;
}

const replacementNote = `
**This CA replaces the engine's earlier one.** dockerd has no revocation list: until it restarts
with these files it accepts every client certificate of the old CA, and the contexts below (already
given certificates of the new CA) cannot connect. After the restart it refuses every certificate
of the old CA. If the engine already uses TLS with the paths below, step 1 and
\`sudo systemctl restart docker\` are enough.
`;

/** What each context needs once the engine serves these files: it exists already, with its key where it keeps it. */
function clientSteps(contexts: readonly BundleContext[], endpoint: string): string {
  if (contexts.length === 0) return `Any client with a certificate of this CA connects to \`${endpoint}\` with \`docker --tlsverify\`.\n`;
  return contexts.map((context) => `${contextKeys(context, endpoint)}\n\n${fence}sh\ndocker --context ${context.name} version\n${fence}\n`).join('\n');
}

function contextKeys(context: BundleContext, endpoint: string): string {
  if (context.keys === 'dockerCli') return `The context \`${context.name}\` (${endpoint}) already exists, its client files in the Docker CLI's store:`;
  return `The context \`${context.name}\` (${endpoint}) already exists; its client key is in VS Code's SecretStorage, never on disk.
In VS Code's Docker Contexts view, Refresh: it connects once the engine runs with these files. For the
docker CLI in a terminal, run "Export Keys to Docker CLI" on it first (it writes key.pem, mode 0600), then:`;
}
