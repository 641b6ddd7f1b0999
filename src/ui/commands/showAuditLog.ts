/** "Show Audit Log": opens the JSON-lines audit log (every change sent to a remote engine, every declined confirmation). */
import * as vscode from 'vscode';
import type { CommandServices } from './commandServices';

export async function showAuditLog({ auditLog }: CommandServices): Promise<void> {
  const uri = vscode.Uri.file(auditLog.file);
  const exists = await vscode.workspace.fs.stat(uri).then(() => true, () => false);
  if (!exists) {
    void vscode.window.showInformationMessage('The audit log is empty: nothing has been changed on a remote engine yet.');
    return;
  }
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
}
