/** What every command handler receives: the window's services, injected once at activation. */
import type * as vscode from 'vscode';
import type { AuditLog } from '../../core/audit/auditLog';
import type { EngineBrowser } from '../browse/engineBrowser';
import type { CertificateStatus } from '../certificateStatus';
import type { ContextsModel } from '../contextsModel';
import type { Engines } from '../engines';
import type { Prompts } from '../prompts';
import type { SecretTlsStore } from '../secretTlsStore';
import type { Settings } from '../settings';

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
}
