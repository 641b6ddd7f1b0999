/**
 * `classify -- DOCKER-ARGS…`: what the guard makes of a docker command line, as JSON, without
 * running it: its class, the context it goes to (with endpoint, tier, whether it is remote, and
 * what chose it: `--context`, DOCKER_HOST, config.json…) and whether the policy wants a
 * confirmation. The JSON shape is stable for scripts: only ever extended.
 */
import { classifyDockerArgs } from '../../core/guard/classifyDockerArgs';
import { resolveCommandTarget } from '../../core/guard/dockerTarget';
import { userElevations } from '../../core/guard/elevations';
import { confirmationFor, isRemote } from '../../core/guard/guardPolicy';
import { guardSettingsFromEnv } from '../../core/guard/guardSettingsEnv';
import { terminalGuardRequest } from '../../core/terminal/terminalGuard';
import { terminalSafeJson } from '../../core/text/foreignText';
import { type CliCommand, ExitCode } from '../io';
import { dockerCommandLine } from '../parseOptions';

export const classifyCommand: CliCommand = {
  name: 'classify',
  summary: 'Show how the guard classifies a docker command line (JSON)',
  usage: '-- DOCKER-ARGS…',
  async run(args, io) {
    const classification = classifyDockerArgs(dockerCommandLine(args, io));
    const settings = guardSettingsFromEnv(io.env);
    const { context, source, problem } = await resolveCommandTarget(classification, io.env, settings);
    const remote = context ? isRemote(context) : null;
    const elevation = context && classification.class !== 'read' ? userElevations(io.env, settings).openFor(context) : undefined;
    // The confirmation exactly as the terminal guard would ask it (one rule: confirmationFor).
    const confirmation = context ? confirmationFor(terminalGuardRequest(classification, context), settings, elevation !== undefined) : 'none';
    const json = {
      class: classification.class,
      context: context?.name ?? null,
      host: context?.host ?? null,
      tier: context?.tier ?? null,
      remote,
      guarded: confirmation !== 'none',
      confirmation,
      ...(elevation ? { elevation: { reason: elevation.reason, until: elevation.until } } : {}),
      operation: classification.operation,
      targets: classification.targets,
      hostAccess: classification.hostAccess,
      source: source ?? null,
      ...(problem ? { error: problem } : {}),
    };
    io.stdout.write(`${terminalSafeJson(json, 2)}\n`);
    return ExitCode.ok;
  },
};
