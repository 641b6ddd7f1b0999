/**
 * The folder that receives a server bundle (ca.pem, server-cert.pem, server-key.pem): the picker
 * opens outside the workspace, and a folder inside a git work tree is taken only once the user
 * agrees, since the server key in it would be easy to commit.
 */
import * as os from 'node:os';

import * as vscode from 'vscode';

import { bundleFolderDefault } from '../../../core/certificates/bundleFolder';
import { insideGitWorkTree } from '../../../core/gitWorkTree';
import type { Prompts } from '../../prompts/prompts';

export const gitWorkTreeWarning = 'is inside a git work tree';

/** The chosen folder, or undefined when the user closed the picker or declined the git warning. */
export async function pickServerBundleFolder(prompts: Prompts, title: string): Promise<string | undefined> {
  const workspaceFolders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath);
  const start = bundleFolderDefault(os.homedir(), workspaceFolders);
  const folders = await prompts.openFiles({
    title,
    defaultUri: start === undefined ? undefined : vscode.Uri.file(start),
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel: 'Write Server Bundle Here',
  });
  const folder = folders?.[0];
  if (folder === undefined || !(await insideGitWorkTree(folder))) return folder;
  const agreed = await prompts.confirm(
    `${folder} ${gitWorkTreeWarning}`,
    'The server bundle holds the engine\'s private key (server-key.pem): in a git work tree it is one "git add" away from a commit. Choose a folder outside any repository, or write here and keep it out of git.',
    'Write Here Anyway',
  );
  return agreed ? folder : undefined;
}
