/** What every command handler receives: the window's services, injected once at activation. */
import type * as vscode from 'vscode';
import type { ContextsModel } from '../contextsModel';
import type { Prompts } from '../prompts';
import type { Settings } from '../settings';

export interface CommandServices {
  log: vscode.LogOutputChannel;
  model: ContextsModel;
  settings: Settings;
  prompts: Prompts;
}
