/**
 * Every environment variable that the extension, the terminal launchers (media/shim/docker and
 * docker.cmd, which cannot import this and are checked against it by a test), the shim and the
 * CLI share — one place to read what each carries. Values set by the extension are untrusted on
 * the way in (a user can export anything): each reader checks its own.
 */
export const sharedEnv = {
  /** The Node or VS Code binary the launcher runs the shim with (default `node`). Set by the extension. */
  node: 'DOCKER_CONTEXT_GUARD_NODE',
  /** The shim script, when it is not at ../../dist/shim.js from the launcher. */
  shim: 'DOCKER_CONTEXT_GUARD_SHIM',
  /** Directories that hold a launcher, path-delimited: finding the real docker skips them (shimEnvironment.ts). */
  shimDirs: 'DOCKER_CONTEXT_GUARD_SHIM_DIRS',
  /** Prefix of the Node settings of the user's shell that the launcher kept away from the guard's Node (shimEnvironment.ts). */
  savedPrefix: 'DOCKER_CONTEXT_GUARD_SAVED_',
  /** The guard's settings from VS Code, as JSON (guardSettingsEnv.ts). */
  guardSettings: 'DOCKER_CONTEXT_GUARD_SETTINGS',
  /** The tier rules from VS Code, as JSON (tierRulesEnv.ts). */
  tierRules: 'DOCKER_CONTEXT_GUARD_TIER_RULES',
  /** The audit log file the terminal guard appends to (auditLog.ts). */
  auditLog: 'DOCKER_CONTEXT_GUARD_AUDIT_LOG',
  /** The folder of the user's guard state: the audit log and open elevations (stateDirectory.ts). */
  stateDir: 'DOCKER_CONTEXT_GUARD_STATE_DIR',
  /** The folder of the engine gateway's sockets, one per context (gateway/gatewaySockets.ts). Set by the extension for its terminals. */
  gatewayDir: 'DOCKER_CONTEXT_GUARD_GATEWAY_DIR',
  /** A context's name: confirms a guarded command on it where there is no terminal to ask (scripts). */
  confirm: 'DOCKER_GUARD_CONFIRM',
} as const;
