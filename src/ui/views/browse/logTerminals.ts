/** Owns the log terminals a window opened, so they (and their streams) end with the extension. */
import * as vscode from 'vscode';

import type { Disposable } from '../../../core/lifecycle';
import { showControls } from '../../../core/text/foreignText';
import type { Engines } from '../../state/engines';
import type { Settings } from '../../state/settings';
import { ContainerLogPty } from './containerLogPty';
import { engineFailure } from './engineFailure';
import type { ObjectNode } from './objectNode';

export class LogTerminals implements Disposable {
  private readonly open = new Map<ContainerLogPty, vscode.Terminal>();

  constructor(
    private readonly engines: Engines,
    private readonly settings: Settings,
  ) {}

  async show(node: ObjectNode): Promise<vscode.Terminal> {
    const client = await this.engines.client(node.context);
    const describe = (error: unknown) => showControls(engineFailure(error, node.context, this.settings).message);
    const pty: ContainerLogPty = new ContainerLogPty(client, node.object, describe, () => this.open.delete(pty));
    const terminal = vscode.window.createTerminal({
      name: `Logs: ${node.object.name} (${showControls(node.context.name)})`,
      pty,
      iconPath: new vscode.ThemeIcon('output'),
    });
    this.open.set(pty, terminal);
    terminal.show();
    return terminal;
  }

  dispose(): void {
    for (const [pty, terminal] of [...this.open]) {
      pty.close();
      terminal.dispose();
    }
  }
}
