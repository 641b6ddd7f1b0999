/**
 * "Show Audit Log": the JSON-lines audit log (every change sent to a remote engine, every
 * declined confirmation), as a read-only document, never the live file.
 */
import * as vscode from 'vscode';

import { auditLogUri } from '../views/inspectDocuments';
import type { CommandServices } from './commandServices';

export async function showAuditLog({ auditLog }: CommandServices): Promise<void> {
  const exists = await vscode.workspace.fs.stat(vscode.Uri.file(auditLog.file)).then(
    () => true,
    () => false,
  );
  if (!exists) {
    void vscode.window.showInformationMessage('The audit log is empty: nothing has been changed on a remote engine yet.');
    return;
  }
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(auditLogUri), { preview: true });
}
