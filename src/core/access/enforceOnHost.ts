/**
 * Enabling the authorization plugin next to a dockerd, through a shell on its host
 * (remoteShell.ts), as a service of its own: our CLI and its modules uploaded (pluginBundle.ts), `authz serve` started on a
 * unix socket (detached from the SSH session), a spec file naming that socket in dockerd's
 * plugin directory, the plugin added to daemon.json's `authorization-plugins`, and dockerd told
 * to reload (SIGHUP: that key is live-reloadable, no restart, running containers untouched).
 * The caller then checks the engine itself (it refuses a viewer's change: `docker info` is no
 * proof, as a live reload leaves its Plugins.Authorization as dockerd started); if any step or that check fails, every step done is undone in reverse order, daemon.json put
 * back byte for byte, so the engine stays reachable as it was.
 *
 * The host needs a POSIX shell, Node.js (`node`) and a login allowed to write daemon.json and
 * signal dockerd (root). The plugin runs as a plain process: dockerd refuses to start while
 * daemon.json names a plugin that does not answer, so after a reboot it must be started again
 * before dockerd (the README gives the command), or its name taken out of daemon.json.
 */
import { shellQuote } from '../engine/ssh/dialStdioCommand';
import { withAuthorizationPlugin } from './daemonJsonAuthz';
import type { RemoteShell } from './remoteShell';

export interface HostLayout {
  /** The plugin's name, as dockerd and `docker info` name it. */
  plugin: string;
  /** Holds cli.js, the policy, the audit, the socket, the serve process's pid and log. */
  dir: string;
  /** dockerd's spec directory (/etc/docker/plugins). */
  specDir: string;
  daemonJson: string;
  /** The pid file of dockerd (/var/run/docker.pid). */
  dockerdPidFile: string;
  /** The host's Node.js. */
  node: string;
}

export const defaultHostLayout = (plugin: string): HostLayout => ({
  plugin,
  dir: `/var/lib/docker-context-guard/${plugin}`,
  specDir: '/etc/docker/plugins',
  daemonJson: '/etc/docker/daemon.json',
  dockerdPidFile: '/var/run/docker.pid',
  node: 'node',
});

/** The plugin's files on the host. */
export function hostFiles(layout: HostLayout): { cli: string; policy: string; audit: string; socket: string; pid: string; log: string; spec: string } {
  const at = (name: string) => `${layout.dir}/${name}`;
  return {
    cli: at('cli.js'),
    policy: at('policy.json'),
    audit: at('audit.jsonl'),
    socket: at('authz.sock'),
    pid: at('serve.pid'),
    log: at('serve.log'),
    spec: `${layout.specDir}/${layout.plugin}.spec`,
  };
}

export class EnforcementFailed extends Error {
  constructor(
    readonly step: string,
    readonly cause: Error,
    /** Steps whose undoing failed too: the host needs a look. */
    readonly rollbackFailures: string[],
  ) {
    super(
      `${step} failed: ${cause.message}. ${rollbackFailures.length === 0 ? 'Everything done before was undone.' : `Undoing failed for: ${rollbackFailures.join('; ')}`}`,
    );
    this.name = 'EnforcementFailed';
  }
}

const sh = (script: string) => ['sh', '-c', script];
const q = shellQuote;

interface Step {
  title: string;
  run(): Promise<void>;
  undo?(): Promise<void>;
}

/** The steps that enable the plugin, in order, each with its undoing. */
export function enforcementSteps(shell: RemoteShell, layout: HostLayout, bundle: Buffer): Step[] {
  const files = hostFiles(layout);
  /** daemon.json as it was (undefined: absent), once read; set only then, so nothing is undone that was not done. */
  let original: { text: string | undefined } | undefined;
  const writeDaemonJson = (text: string) =>
    shell.run(sh(`cat > ${q(`${layout.daemonJson}.dcg-new`)} && mv ${q(`${layout.daemonJson}.dcg-new`)} ${q(layout.daemonJson)}`), { stdin: text });
  const reload = () => shell.run(sh(`kill -HUP "$(cat ${q(layout.dockerdPidFile)})"`)).then(() => undefined);
  return [
    {
      title: 'Checking the host',
      run: async () => {
        const uid = (await shell.run(sh('id -u'))).trim();
        if (uid !== '0') throw new Error(`the SSH login is uid ${uid}, not root: it cannot edit daemon.json or signal dockerd`);
        await shell.run(sh(`command -v ${q(layout.node)} >/dev/null || { echo "no ${layout.node} on PATH" >&2; exit 1; }`));
        await shell.run(sh(`test -r ${q(layout.dockerdPidFile)} || { echo "no dockerd pid file at ${layout.dockerdPidFile}" >&2; exit 1; }`));
      },
    },
    {
      title: 'Uploading the plugin',
      run: async () => {
        await shell.run(sh(`mkdir -p ${q(layout.dir)} && chmod 700 ${q(layout.dir)} && tar -x -f - -C ${q(layout.dir)}`), { stdin: bundle });
      },
    },
    {
      title: 'Starting the plugin',
      run: async () => {
        const serve = [layout.node, files.cli, 'authz', 'serve', '--socket', files.socket, '--policy', files.policy, '--audit', files.audit].map(q).join(' ');
        await shell.run(sh(`rm -f ${q(files.socket)}; setsid ${serve} > ${q(files.log)} 2>&1 < /dev/null & echo $! > ${q(files.pid)}`));
        await shell.run(
          sh(
            `i=0; while [ ! -S ${q(files.socket)} ]; do i=$((i+1)); if [ $i -gt 100 ] || ! kill -0 "$(cat ${q(files.pid)})" 2>/dev/null; then cat ${q(files.log)} >&2; exit 1; fi; sleep 0.1; done`,
          ),
        );
      },
      undo: async () => {
        await shell.run(sh(`kill "$(cat ${q(files.pid)})" 2>/dev/null; rm -f ${q(files.pid)} ${q(files.socket)}`));
      },
    },
    {
      title: 'Registering the plugin with dockerd',
      run: async () => {
        await shell.run(sh(`mkdir -p ${q(layout.specDir)} && printf '%s\\n' ${q(`unix://${files.socket}`)} > ${q(files.spec)}`));
      },
      undo: async () => {
        await shell.run(sh(`rm -f ${q(files.spec)}`));
      },
    },
    {
      title: 'Enabling it in daemon.json',
      run: async () => {
        const present = (await shell.run(sh(`if [ -e ${q(layout.daemonJson)} ]; then echo yes; else echo no; fi`))).trim() === 'yes';
        const text = present ? await shell.run(sh(`cat ${q(layout.daemonJson)}`)) : undefined;
        const edited = withAuthorizationPlugin(text ?? '', layout.plugin);
        original = { text };
        await writeDaemonJson(edited);
        await reload();
      },
      undo: async () => {
        if (!original) return;
        if (original.text === undefined) await shell.run(sh(`rm -f ${q(layout.daemonJson)}`));
        else await writeDaemonJson(original.text);
        await reload();
      },
    },
  ];
}

/**
 * Runs the steps, then `verify` (the engine refuses a viewer's change); on any
 * failure undoes what was done, newest first, and throws EnforcementFailed.
 */
export async function enforceOnHost(
  shell: RemoteShell,
  layout: HostLayout,
  /** The tar of cli.js and its vendor modules (pluginBundle.ts). */
  bundle: Buffer,
  verify: () => Promise<void>,
  onStep: (title: string) => void = () => undefined,
): Promise<void> {
  const done: Step[] = [];
  let failed = 'Verifying the engine';
  try {
    for (const step of enforcementSteps(shell, layout, bundle)) {
      failed = step.title;
      onStep(step.title);
      done.push(step);
      await step.run();
    }
    failed = 'Verifying the engine';
    onStep(failed);
    await verify();
  } catch (error) {
    onStep('Undoing');
    const rollbackFailures: string[] = [];
    for (const step of done.reverse()) {
      if (!step.undo) continue;
      await step.undo().catch((undoError: Error) => rollbackFailures.push(`${step.title}: ${undoError.message}`));
    }
    throw new EnforcementFailed(failed, error as Error, rollbackFailures);
  }
}
