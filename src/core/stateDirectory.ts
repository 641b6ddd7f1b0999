/**
 * Where the guard keeps what belongs to the user on this machine rather than to one VS Code
 * window or one terminal: the audit log and the open elevations (write access to a read-only
 * production context). Every process — each VS Code window, every terminal's shim, the CLI in a
 * plain shell — computes the same folder, so an elevation opened in one is seen by all of them.
 *
 * $DOCKER_CONTEXT_GUARD_STATE_DIR when set; else the platform's per-user state folder:
 * $XDG_STATE_HOME (default ~/.local/state) on Linux and other Unixes, ~/Library/Application
 * Support on macOS, %LOCALAPPDATA% on Windows — each with `docker-context-guard` under it.
 */
import * as os from 'node:os';
import * as path from 'node:path';

import { sharedEnv } from './sharedEnvironment';

const folderName = 'docker-context-guard';

export function guardStateDirectory(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const given = env[sharedEnv.stateDir];
  if (given && path.isAbsolute(given)) return given;
  const home = env.HOME || os.homedir();
  if (platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(env.USERPROFILE || home, 'AppData', 'Local'), folderName);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', folderName);
  const xdg = env.XDG_STATE_HOME;
  // The XDG spec: a relative $XDG_STATE_HOME is invalid and must be ignored.
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.local', 'state'), folderName);
}

/** The audit log: $DOCKER_CONTEXT_GUARD_AUDIT_LOG when set (the extension sets it for its terminals), else in the state folder. */
export function auditLogFile(env: NodeJS.ProcessEnv = process.env): string {
  const given = env[sharedEnv.auditLog];
  return given && path.isAbsolute(given) ? given : path.join(guardStateDirectory(env), 'audit.jsonl');
}

/** The open elevations, beside the audit log of the state folder. */
export function elevationsFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(guardStateDirectory(env), 'elevations.json');
}
