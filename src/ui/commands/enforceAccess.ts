/**
 * "Enforce Access on Engine…": makes the engine of a TLS context judge every request by the
 * role of the certificate it comes with. Through an SSH context to the same host it runs our
 * authorization plugin next to dockerd and enables it (enforceOnHost.ts), then checks that the
 * engine lists it and refuses a change sent with a viewer certificate, and that our own
 * certificate still reaches it; if anything fails, everything is undone. Revocations made
 * afterwards (Revoke, Renew) reach the plugin's policy through the same SSH context.
 */
import * as vscode from 'vscode';

import { defaultHostLayout, enforceOnHost, hostFiles, type HostLayout } from '../../core/access/enforceOnHost';
import { issueAccessCertificate } from '../../core/access/issueAccessCertificate';
import { pluginBundle } from '../../core/access/pluginBundle';
import { readAccessCertificate } from '../../core/access/readAccessCertificate';
import { sshShell } from '../../core/access/remoteShell';
import { tryViewerChange } from '../../core/access/viewerRefusal';
import { tcpHostPort } from '../../core/certificates/caRotation';
import type { ListedContext } from '../../core/contexts/contextList';
import { engineAddress } from '../../core/contexts/engineAddress';
import { pickSshHost } from '../prompts/pickSshHost';
import { UserCancelled } from '../prompts/userCancelled';
import type { HeldCa } from '../state/clientMaterial';
import { caKeyArgument } from './caKeyArgument';
import type { CommandServices } from './commandServices';

const title = 'Enforce Access on Engine';
const pluginName = 'dcg-authz';
const refusedWithinMs = 15_000;

export async function enforceAccess(services: CommandServices, clicked?: ListedContext): Promise<void> {
  const { prompts, model, engines, access, log } = services;
  const { context, ca } = await caKeyArgument(services, clicked, title, 'the check issues a viewer certificate of that CA');
  const engine = tcpHostPort(engineAddress(context) ?? '');
  if (!engine) throw new Error(`"${context.name}" does not point at a tcp:// engine`);
  const ssh = await pickSshHost(services, `${title}: reach ${engine.host} through`, engine.host);
  const layout = await askLayout(services, defaultHostLayout(pluginName));
  const files = hostFiles(layout);
  const ownRole = await access.ownRole(context);
  const confirmed = await prompts.confirm(
    `Enforce access on the engine of "${context.name}" through "${ssh.name}"?`,
    [
      `On ${engine.host}: our plugin (the CLI bundle) goes to ${layout.dir} and runs as "authz serve"; ${files.spec} names its socket; ${layout.daemonJson} gains "authorization-plugins": ["${layout.plugin}"], and dockerd reloads it (SIGHUP, no restart).`,
      'From then on the engine judges each request by the role in its client certificate; requests over SSH (the unix socket) get the policy’s anonymous role.',
      ownRole === 'admin'
        ? `Your own certificate of "${context.name}" is an admin's.`
        : `Your own certificate of "${context.name}" is not an admin's (${ownRole ?? 'it names no role, so the policy’s default, viewer, would apply'}): an admin certificate for you replaces it first, where the context keeps its keys.`,
      'A viewer certificate is then tried: if the engine does not refuse it a change, or our own certificate stops reaching it, every step is undone.',
      'The plugin runs as a process, not a service: after a reboot of the host, dockerd does not start until it runs again (start it before dockerd, or install it as a service: see the README, "Enforce it on a host by hand").',
    ].join('\n'),
    'Enforce Access',
  );
  if (!confirmed) throw new UserCancelled();
  if (ownRole !== 'admin') await becomeAdmin(services, context, ca);
  const shell = sshShell(ssh.host, model.env);
  // This bundle's own folder (dist/) holds cli.js and its vendor modules.
  const bundle = await pluginBundle(__dirname);
  // The certificate the check tries a change with: a viewer's, for a day, revoked once the check is done.
  const viewer = await issueAccessCertificate({ certPem: ca.caPem, keyPem: ca.caKeyPem }, { name: 'dcg-enforce-check', role: 'viewer', days: 1 });
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${title}: ${engine.host}` }, async (progress) => {
    await enforceOnHost(
      shell,
      layout,
      bundle,
      () => verifyEnforced(services, context, { caPem: ca.caPem, certPem: viewer.certPem, keyPem: viewer.keyPem }, layout.plugin),
      (step) => progress.report({ message: step }),
    );
    await shell.run([layout.node, files.cli, 'authz', 'revoke', '--policy', files.policy, viewer.serial]);
  });
  await access.recordEnforcement(context.name, {
    sshContext: ssh.name,
    plugin: layout.plugin,
    policyFile: files.policy,
    auditFile: files.audit,
    cli: [layout.node, files.cli],
  });
  engines.connections.invalidate();
  const known = await access.ask(context);
  log.info(`Access is enforced on the engine of "${context.name}" (plugin ${layout.plugin}, through "${ssh.name}")`);
  prompts.notify(
    `The engine of "${context.name}" enforces access now (plugin ${layout.plugin}): a viewer was refused a change. Your certificate's role there: ${known.ownRole ?? 'the policy’s default role'}.`,
  );
}

/** Replaces our own client certificate of `context` by an admin's of the same CA (and name), recorded in the ledger. */
async function becomeAdmin(services: CommandServices, context: ListedContext, ca: HeldCa): Promise<void> {
  const { model, access, engines, log } = services;
  const material = await engines.tlsMaterial.read(context);
  const name = (material?.certPem && readAccessCertificate(material.certPem).name) || 'client';
  const admin = await issueAccessCertificate(
    { certPem: ca.caPem, keyPem: ca.caKeyPem },
    { name, role: 'admin', days: services.settings.certificateDefaults().days },
  );
  await model.replaceTlsMaterial(context, { ...ca, certPem: admin.certPem, keyPem: admin.keyPem });
  const caFingerprint = access.caOf(context);
  if (caFingerprint)
    await access.recordIssued(caFingerprint, { name, role: 'admin', serial: admin.serial, notAfter: admin.notAfter, issuedAt: new Date().toISOString() });
  engines.connections.invalidate();
  log.info(`"${context.name}" now uses an admin certificate (serial ${admin.serial}) before access is enforced`);
}

/** The host's paths, the defaults proposed (a snap or rootless dockerd keeps them elsewhere). */
async function askLayout({ prompts }: CommandServices, defaults: HostLayout): Promise<HostLayout> {
  const daemonJson = await prompts.input({
    title: `${title}: dockerd's daemon.json on the host`,
    value: defaults.daemonJson,
    prompt: 'Where this dockerd reads its configuration',
  });
  if (!daemonJson) throw new UserCancelled();
  const dockerdPidFile = await prompts.input({
    title: `${title}: dockerd's pid file on the host`,
    value: defaults.dockerdPidFile,
    prompt: 'Where dockerd writes its pid (--pidfile)',
  });
  if (!dockerdPidFile) throw new UserCancelled();
  return { ...defaults, daemonJson, dockerdPidFile };
}

/**
 * The engine refuses a viewer's change (dockerd applies the reload shortly after SIGHUP: asked
 * again until then), and still answers our own certificate. `docker info` is no proof here: a live
 * reload enforces the plugin but leaves Plugins.Authorization as dockerd started with it.
 */
async function verifyEnforced(
  services: CommandServices,
  context: ListedContext,
  viewer: { caPem: string; certPem: string; keyPem: string },
  plugin: string,
): Promise<void> {
  const { engines } = services;
  const deadline = Date.now() + refusedWithinMs;
  for (;;) {
    const verdict = await tryViewerChange(context, viewer);
    if (verdict.refused) break;
    if (verdict.createdVolume) await (await engines.client(context)).api.getVolume(verdict.createdVolume).remove();
    if (Date.now() > deadline)
      throw new Error(`the engine did not refuse a viewer's change after enabling ${plugin} (HTTP ${verdict.status}: ${verdict.message})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  engines.connections.invalidate();
  await (await engines.client(context)).api.ping();
}
