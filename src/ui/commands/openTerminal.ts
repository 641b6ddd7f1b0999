/**
 * "Open Terminal on Context": a terminal bound to one context through its engine gateway socket
 * (DOCKER_HOST), so that everything run in it — docker, compose, SDKs, Testcontainers, agents —
 * reaches that engine only through the gateway, asked like the sidebar. Named after the context,
 * coloured and iconed by its tier, so a production terminal is told from the others at a glance.
 */
import * as vscode from 'vscode';

import type { ListedContext } from '../../core/contexts/contextList';
import type { Tier } from '../../core/contexts/tiers';
import { labelText } from '../../core/text/foreignText';
import { isInsecure } from '../views/contextConditions';
import type { CommandServices } from './commandServices';
import { contextArgument } from './contextArgument';

const tierColours: Record<Tier, string> = {
  production: 'terminal.ansiRed',
  staging: 'terminal.ansiYellow',
  development: 'terminal.ansiBlue',
  local: 'terminal.ansiGreen',
};

/** The terminal's tab: its name, colour and icon. */
export function contextTerminalLook(context: ListedContext): { name: string; color: string; icon: string } {
  const dangerous = context.tier === 'production' || isInsecure(context);
  return {
    name: `docker: ${labelText(context.name)} (${context.tier})`,
    color: isInsecure(context) ? tierColours.production : tierColours[context.tier],
    icon: dangerous ? 'flame' : 'server-environment',
  };
}

export async function openTerminal(services: CommandServices, clicked?: ListedContext): Promise<vscode.Terminal> {
  const context = await contextArgument(services, clicked, 'Open Terminal on Context', 'gatewayServed', 'can be reached');
  const socket = await services.gateway.socketOf(context);
  const look = contextTerminalLook(context);
  const terminal = vscode.window.createTerminal({
    name: look.name,
    color: new vscode.ThemeColor(look.color),
    iconPath: new vscode.ThemeIcon(look.icon),
    // DOCKER_HOST outranks DOCKER_CONTEXT and config.json: everything here goes to the socket.
    env: { DOCKER_HOST: socket.dockerHost, DOCKER_CONTEXT: null },
  });
  terminal.show();
  return terminal;
}
