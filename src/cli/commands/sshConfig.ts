/**
 * `ssh-config NAME|HOST [--json]`: the route the extension will take to an SSH engine, printed like
 * `ssh -G` prints its resolved config (lower-case keyword, value), so the two can be compared line
 * by line: host, port, user, identities, jump hosts and proxy command, known_hosts files, and the
 * remote engine's socket with the command run there. NAME is a docker context with an ssh:// host;
 * anything else is taken as a host, `user@host[:port]` or an ssh:// URL. Nothing is connected.
 * Exit 1 when the config (or the address) is one ssh would refuse, with ssh's reason.
 */
import * as os from 'node:os';

import { dialStdioCommand } from '../../core/engine/ssh/dialStdioCommand';
import type { SshTarget } from '../../core/engine/ssh/sshConfig';
import { SshConfigError } from '../../core/engine/ssh/sshErrors';
import { resolveSshRoute, type SshRoute } from '../../core/engine/ssh/sshRoute';
import { contextServices } from '../contextServices';
import { type CliCommand, ExitCode } from '../io';
import { parseOptions, UsageError } from '../parseOptions';

export const sshConfigCommand: CliCommand = {
  name: 'ssh-config',
  summary: 'Print the SSH route to a context or host, like ssh -G',
  usage: 'NAME|HOST [--json]',
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { json: { type: 'boolean' } }, true);
    if (positionals.length !== 1) throw new UsageError('give one context name or SSH host');
    const [name] = positionals;
    const { contexts } = await contextServices(io).list();
    const context = contexts.find((candidate) => candidate.name === name);
    if (context && !context.host.startsWith('ssh://')) throw new Error(`context ${name} is not an SSH context (its host is ${context.host || 'not set'})`);
    const url = context ? context.host : name.startsWith('ssh://') ? name : `ssh://${name}`;
    let route: SshRoute;
    try {
      route = resolveSshRoute(url, { home: io.env.HOME || os.homedir(), env: io.env });
    } catch (error) {
      if (!(error instanceof SshConfigError)) throw error;
      io.stderr.write(`${error.message}\n`);
      return ExitCode.failed;
    }
    const remoteCommand = dialStdioCommand(route.socketPath);
    if (values.json) {
      io.stdout.write(
        `${JSON.stringify({ context: context?.name ?? null, url, target: route.target, hops: route.hops, socketPath: route.socketPath ?? null, remoteCommand }, null, 2)}\n`,
      );
    } else {
      const lines = [
        ...targetLines(route.target),
        ...route.hops.map(
          (hop, index) => `jumphost ${index + 1} ${hop.user}@${hop.hostname}:${hop.port}${hop.proxyCommand ? ` (proxycommand ${hop.proxyCommand})` : ''}`,
        ),
      ];
      lines.push(`socketpath ${route.socketPath ?? 'none'}`, `remotecommand ${remoteCommand}`);
      io.stdout.write(`${lines.join('\n')}\n`);
    }
    return ExitCode.ok;
  },
};

/** The target as `ssh -G` words it (multi-valued keywords repeated, lists space-separated). */
function targetLines(target: SshTarget): string[] {
  const yesNo = (value: boolean) => (value ? 'yes' : 'no');
  return [
    `host ${target.alias}`,
    `hostname ${target.hostname}`,
    `port ${target.port}`,
    `user ${target.user}`,
    ...target.identityFiles.map((file) => `identityfile ${file}`),
    `identitiesonly ${yesNo(target.identitiesOnly)}`,
    `identityagent ${target.agentSocket ?? 'none'}`,
    `proxyjump ${target.proxyJump ?? 'none'}`,
    `proxycommand ${target.proxyCommand ?? 'none'}`,
    `userknownhostsfile ${target.knownHostsFiles.join(' ') || 'none'}`,
    `globalknownhostsfile ${target.globalKnownHostsFiles.join(' ') || 'none'}`,
    `hostkeyalias ${target.hostKeyAlias ?? 'none'}`,
    `hashknownhosts ${yesNo(target.hashKnownHosts)}`,
    `stricthostkeychecking ${target.strictHostKeyChecking ? 'yes' : 'ask'}`,
  ];
}
