/**
 * "Show Audit Log of an Elevation…": picks one of the elevations the audit log records (newest
 * first: context, reason, who, when) and opens, read-only, only its lines — its opening,
 * extension, end or expiry, and every change made inside it.
 */
import * as vscode from 'vscode';

import type { AuditRecord } from '../../core/audit/auditRecord';
import { labelText } from '../../core/text/foreignText';
import { UserCancelled } from '../prompts/userCancelled';
import { elevationAuditLogUri } from '../views/inspectDocuments';
import type { CommandServices } from './commandServices';

export async function showElevationAuditLog({ auditLog, prompts }: CommandServices): Promise<void> {
  const opened = auditLog
    .readRecent(4 * 1024 * 1024)
    .filter(
      (record): record is AuditRecord & { elevation: NonNullable<AuditRecord['elevation']> } =>
        record.operation === 'elevation open' && record.elevation !== undefined,
    )
    .reverse();
  if (opened.length === 0) {
    prompts.notify('Show Audit Log of an Elevation: the audit log records no elevation yet.');
    return;
  }
  const picked = await prompts.pick(
    opened.map((record) => ({
      label: labelText(`${record.context}: ${record.elevation.reason}`),
      description: `${record.user}@${record.hostname} · ${new Date(record.time).toLocaleString()}`,
      id: record.elevation.id,
    })),
    { title: 'Show Audit Log of an Elevation', placeHolder: 'Which elevation?', matchOnDescription: true },
  );
  if (!picked) throw new UserCancelled();
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(elevationAuditLogUri(picked.id)), { preview: true });
}
