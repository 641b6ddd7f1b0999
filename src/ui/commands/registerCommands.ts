/**
 * The table of every command the extension registers. Each command lives in its own file and
 * is wrapped in the same error boundary; package.json lists the same ids under contributes.commands.
 */
import * as vscode from 'vscode';

import { DisposableStore } from '../../core/lifecycle';
import type { CommandServices } from './commandServices';
import { copyEndpoint } from './copyEndpoint';
import { createSshContext } from './createSshContext';
import { createTlsContext } from './createTlsContext';
import { deleteOrphanedKeys } from './deleteOrphanedKeys';
import { elevateWriteAccess } from './elevateWriteAccess';
import { endElevation } from './endElevation';
import { enforceAccess } from './enforceAccess';
import { withErrorBoundary } from './errorBoundary';
import { exportContext } from './exportContext';
import { exportKeysToDockerCli } from './exportKeysToDockerCli';
import { grantAccess } from './grantAccess';
import { importContext } from './importContext';
import { inspectCertificates } from './inspectCertificates';
import { inspectContext } from './inspectContext';
import { inspectEngineObject } from './inspectEngineObject';
import { moveKeysToSecretStorage } from './moveKeysToSecretStorage';
import { openTerminal } from './openTerminal';
import { pruneGroup } from './pruneGroup';
import { refresh } from './refresh';
import { refreshGroup } from './refreshGroup';
import { removeContext } from './removeContext';
import { removeEngineObjects } from './removeEngineObjects';
import { renewAccess } from './renewAccess';
import { restartContainers } from './restartContainers';
import { revokeAccess } from './revokeAccess';
import { rotateCa } from './rotateCa';
import { rotateClientCertificate } from './rotateClientCertificate';
import { setTier } from './setTier';
import { showAuditLog } from './showAuditLog';
import { showContainerLogs } from './showContainerLogs';
import { showElevationAuditLog } from './showElevationAuditLog';
import { showEngineAudit } from './showEngineAudit';
import { showLog } from './showLog';
import { startContainers } from './startContainers';
import { stopContainers } from './stopContainers';
import { switchContext } from './switchContext';
import { useContext } from './useContext';
import { useStoredKeysHere } from './useStoredKeysHere';

type CommandHandler = (services: CommandServices, ...args: never[]) => unknown;

export const commandTable: Record<string, CommandHandler> = {
  'dockerContextGuard.switchContext': switchContext,
  'dockerContextGuard.useContext': useContext,
  'dockerContextGuard.inspectContext': inspectContext,
  'dockerContextGuard.setTier': setTier,
  'dockerContextGuard.openTerminal': openTerminal,
  'dockerContextGuard.copyEndpoint': copyEndpoint,
  'dockerContextGuard.removeContext': removeContext,
  'dockerContextGuard.refresh': refresh,
  'dockerContextGuard.showLog': showLog,
  'dockerContextGuard.inspectEngineObject': inspectEngineObject,
  'dockerContextGuard.showContainerLogs': showContainerLogs,
  'dockerContextGuard.startContainer': startContainers,
  'dockerContextGuard.stopContainer': stopContainers,
  'dockerContextGuard.restartContainer': restartContainers,
  'dockerContextGuard.removeEngineObject': removeEngineObjects,
  'dockerContextGuard.pruneGroup': pruneGroup,
  'dockerContextGuard.refreshGroup': refreshGroup,
  'dockerContextGuard.exportKeysToDockerCli': exportKeysToDockerCli,
  'dockerContextGuard.moveKeysToSecretStorage': moveKeysToSecretStorage,
  'dockerContextGuard.createSshContext': createSshContext,
  'dockerContextGuard.createTlsContext': createTlsContext,
  'dockerContextGuard.inspectCertificates': inspectCertificates,
  'dockerContextGuard.rotateClientCertificate': rotateClientCertificate,
  'dockerContextGuard.rotateCa': rotateCa,
  'dockerContextGuard.importContext': importContext,
  'dockerContextGuard.exportContext': exportContext,
  'dockerContextGuard.showAuditLog': showAuditLog,
  'dockerContextGuard.deleteOrphanedKeys': deleteOrphanedKeys,
  'dockerContextGuard.useStoredKeysHere': useStoredKeysHere,
  'dockerContextGuard.elevateWriteAccess': elevateWriteAccess,
  'dockerContextGuard.endElevation': endElevation,
  'dockerContextGuard.showElevationAuditLog': showElevationAuditLog,
  'dockerContextGuard.grantAccess': grantAccess,
  'dockerContextGuard.revokeAccess': revokeAccess,
  'dockerContextGuard.renewAccess': renewAccess,
  'dockerContextGuard.enforceAccess': enforceAccess,
  'dockerContextGuard.showEngineAudit': showEngineAudit,
};

export function registerCommands(services: CommandServices): vscode.Disposable {
  const registrations = new DisposableStore();
  for (const [commandId, handler] of Object.entries(commandTable)) {
    const bound = (...args: never[]) => handler(services, ...args);
    registrations.register(vscode.commands.registerCommand(commandId, withErrorBoundary(commandId, services.log, bound)));
  }
  return registrations;
}
