/**
 * The README of a server bundle: how to make the engine listen with TLS and client verification
 * (Docker's "Protect the Docker daemon socket" and "Configure remote access"), and how a client
 * then connects. The listen addresses go in daemon.json, and the stock systemd unit's
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
  /** The context name in the client's `docker context create` line (default from the host). */
  contextName?: string;
  /** Where the client's ca.pem, cert.pem and key.pem are, for that line. */
  clientDir?: string;
}

export const defaultTlsPort = 2376;

/** Where the README installs the files on the engine's host. */
const installDir = '/etc/docker/tls';

const fence = '```';

export function serverBundleReadme(material: ServerBundleMaterial, options: ServerBundleReadmeOptions): string {
  const port = options.port ?? defaultTlsPort;
  const contextName = options.contextName ?? `docker-${options.host.replace(/[^a-zA-Z0-9_.+-]+/g, '-')}`;
  const clientDir = options.clientDir ?? `$HOME/.docker/certs/${contextName}`;
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
  const endpoint = tcpEndpoint(options.host, port);
  return `# Docker engine TLS files for ${options.host}

| File | What it is |
| --- | --- |
| \`ca.pem\` | The CA certificate: the engine accepts only clients whose certificate this CA signed. |
| \`server-cert.pem\` | The engine's certificate, for ${[...server.dnsNames, ...server.ipAddresses].join(', ')}, valid until ${server.notAfter}. |
| \`server-key.pem\` | The engine's private key: keep it readable by root only. |

The CA is valid until ${ca.notAfter}. Neither the CA's key nor the client's key is in this folder.
Issue new certificates before these dates.

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

With the client's \`ca.pem\`, \`cert.pem\` and \`key.pem\` in \`${clientDir}\`:

${fence}sh
docker context create ${contextName} --docker "host=${endpoint},ca=${clientDir}/ca.pem,cert=${clientDir}/cert.pem,key=${clientDir}/key.pem"
docker --context ${contextName} version
${fence}
`;
}
