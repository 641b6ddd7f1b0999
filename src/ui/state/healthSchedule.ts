/**
 * When engines are probed: when the Contexts view becomes visible, every
 * `engine.healthIntervalSeconds` while it stays visible, a context as soon as it appears in the
 * visible list (one made in a terminal, or pointed elsewhere), and the current context after a
 * switch (for the status bar). Nothing is probed at start-up or on a timer while the view is
 * hidden, so a closed sidebar costs no traffic and activation loads no engine code.
 */
import type * as vscode from 'vscode';

import type { ListedContext } from '../../core/contexts/contextList';
import { DisposableStore } from '../../core/lifecycle';
import type { ContextsModel } from './contextsModel';
import type { Engines } from './engines';
import type { Settings } from './settings';

export class HealthSchedule extends DisposableStore {
  private timer: NodeJS.Timeout | undefined;
  private lastCurrent: string | undefined;
  private listSeen = false;

  constructor(
    private readonly view: vscode.TreeView<unknown>,
    model: ContextsModel,
    private readonly settings: Settings,
    private readonly engines: Engines,
    private readonly visibleContexts: () => ListedContext[],
  ) {
    super();
    this.register(view.onDidChangeVisibility(() => this.reschedule(true)));
    this.register(settings.onDidChange((affects) => affects('engine.healthIntervalSeconds') && this.reschedule(false)));
    this.register(
      model.onDidChange((list) => {
        engines.retain(list.contexts);
        const current = list.contexts.find((context) => context.current);
        const firstList = !this.listSeen;
        this.listSeen = true;
        const switched = current && current.name !== this.lastCurrent && !firstList ? [current] : [];
        const unknown = view.visible ? this.visibleContexts().filter((context) => engines.healthOf(context.name) === undefined) : [];
        void engines.probe([...switched, ...unknown]);
        this.lastCurrent = current?.name;
      }),
    );
    this.register({ dispose: () => clearInterval(this.timer) });
    this.reschedule(true);
  }

  private reschedule(probeNow: boolean): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (!this.view.visible) return;
    if (probeNow) void this.engines.probe(this.visibleContexts());
    const seconds = this.settings.healthIntervalSeconds();
    if (seconds > 0) this.timer = setInterval(() => void this.engines.probe(this.visibleContexts()), seconds * 1000);
  }
}
