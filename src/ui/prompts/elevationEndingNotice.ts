/**
 * Shortly before write access to a context ends (ElevationState.onWillEnd), says so and offers
 * to extend it — with the same reason or a new one, through Elevate Write Access… (the typed name
 * again: an extension is a new decision).
 */
import * as vscode from 'vscode';

import { DisposableStore } from '../../core/lifecycle';
import type { ContextsModel } from '../state/contextsModel';
import type { ElevationState } from '../state/elevationState';
import type { Prompts } from './prompts';

export class ElevationEndingNotice extends DisposableStore {
  constructor(elevations: ElevationState, model: ContextsModel, prompts: Prompts) {
    super();
    this.register(
      elevations.onWillEnd(async (elevation) => {
        const until = new Date(elevation.until).toLocaleTimeString();
        if (!(await prompts.notifyWithAction(`Write access to "${elevation.context}" ends at ${until} (${elevation.reason}).`, 'Extend…'))) return;
        const context = model.list?.contexts.find((candidate) => candidate.name === elevation.context);
        await vscode.commands.executeCommand('dockerContextGuard.elevateWriteAccess', context);
      }),
    );
  }
}
