/**
 * After a switch, the terminals that still send docker elsewhere, by name and with the context
 * each still uses, and an offer to relaunch them (a terminal keeps the environment it started
 * with, so a window-scope switch does not reach it). Not modal: a busy terminal need not be
 * relaunched, and the command does not wait for the answer.
 */
import { showControls } from '../../core/text/foreignText';
import type { TerminalEnvironment } from '../state/terminalEnvironment';
import type { Prompts } from './prompts';

export const relaunchTerminalsButton = 'Relaunch Terminals';

export function offerStaleTerminalsRelaunch(terminals: TerminalEnvironment, prompts: Prompts, now: string): void {
  const stale = terminals.staleTerminals();
  if (stale.length === 0) return;
  const named = stale.map(
    ({ terminal, startedWith }) => `"${showControls(terminal.name)}" (${startedWith ? `"${showControls(startedWith)}"` : "config.json's context"})`,
  );
  const message = `${stale.length === 1 ? 'A terminal opened before the switch still sends docker to the context it started with' : `${stale.length} terminals opened before the switch still send docker to the contexts they started with`}: ${named.join(', ')}. New terminals use "${showControls(now)}"; relaunching starts a new shell (whatever runs there stops).`;
  void prompts.offer(message, relaunchTerminalsButton).then(async (chosen) => {
    if (!chosen) return;
    const skipped = await terminals.relaunch(stale.map(({ terminal }) => terminal));
    if (skipped.length > 0)
      prompts.notify(
        `Not relaunched (VS Code did not make it the active terminal): ${skipped.map((terminal) => `"${showControls(terminal.name)}"`).join(', ')}. Use "Relaunch Active Terminal" in it.`,
      );
  });
}
