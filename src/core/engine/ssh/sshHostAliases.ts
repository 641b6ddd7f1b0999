/** The concrete host aliases of an ssh_config (`Host` patterns without wildcards or negation), for a pick list. */
import { parseSshConfig } from './sshConfigSyntax';

export function sshHostAliases(configText: string): string[] {
  const aliases = parseSshConfig(configText)
    .filter((directive) => directive.keyword === 'host')
    .flatMap((directive) => directive.args)
    .filter((pattern) => !/[*?!]/.test(pattern));
  return [...new Set(aliases)];
}
