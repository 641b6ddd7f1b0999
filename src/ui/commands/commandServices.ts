/** What every command handler receives: the window's services, injected once at activation. */
import type * as vscode from 'vscode';

import type { AuditLog } from '../../core/audit/auditLog';
import type { Prompts } from '../prompts/prompts';
import type { AccessState } from '../state/accessState';
import type { CertificateStatus } from '../state/certificateStatus';
import type { ContextsModel } from '../state/contextsModel';
import type { ElevationState } from '../state/elevationState';
import type { Engines } from '../state/engines';
import type { GatewayService } from '../state/gatewayService';
import type { SecretTlsStore } from '../state/secretTlsStore';
import type { Settings } from '../state/settings';
import type { TerminalEnvironment } from '../state/terminalEnvironment';
import type { EngineBrowser } from '../views/browse/engineBrowser';
import type { EngineAuditDocuments } from '../views/engineAuditDocuments';

export interface CommandServices {
  log: vscode.LogOutputChannel;
  model: ContextsModel;
  settings: Settings;
  prompts: Prompts;
  engines: Engines;
  browser: EngineBrowser;
  secrets: SecretTlsStore;
  certificates: CertificateStatus;
  auditLog: AuditLog;
  terminals: TerminalEnvironment;
  elevations: ElevationState;
  gateway: GatewayService;
  access: AccessState;
  engineAudit: EngineAuditDocuments;
}
