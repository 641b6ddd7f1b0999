/**
 * `authz serve --socket PATH [--policy FILE] [--audit FILE]`: the authorization plugin that makes
 * an engine enforce access (core/access), for `dockerd --authorization-plugin=NAME` with
 * `/etc/docker/plugins/NAME.spec` holding `unix://PATH`, or as a Docker managed plugin. It runs
 * until SIGTERM or SIGINT; without --audit its records go to stdout, one JSON line each.
 * `authz revoke [--policy FILE] SERIAL…`: adds revocations the running plugin applies from the
 * next request on. The policy file is created with its documented defaults when missing.
 */
import type { AuthzAuditRecord, AuthzAuditSink } from '../../core/access/authzAudit';
import { startAuthzPlugin } from '../../core/access/authzPlugin';
import { defaultPolicyFile, ensurePolicyFile, PolicyReader, revokeSerial } from '../../core/access/authzPolicy';
import { isSerial } from '../../core/access/readAccessCertificate';
import { AuditLog } from '../../core/audit/auditLog';
import { terminalSafeJson } from '../../core/text/foreignText';
import { type CliCommand, type CliIo, ExitCode } from '../io';
import { parseOptions, UsageError } from '../parseOptions';

export const authzCommand: CliCommand = {
  name: 'authz',
  summary: 'Run the authorization plugin that makes dockerd enforce access certificates, or revoke one',
  usage: `serve --socket PATH [--policy FILE] [--audit FILE] | revoke [--policy FILE] SERIAL… (policy default ${defaultPolicyFile})`,
  async run(args, io) {
    const [subcommand, ...rest] = args;
    switch (subcommand) {
      case 'serve':
        return serve(rest, io);
      case 'revoke':
        return revoke(rest, io);
      default:
        throw new UsageError(subcommand === undefined ? 'expects a subcommand: serve or revoke' : `unknown subcommand '${subcommand}'`);
    }
  },
};

async function serve(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, { socket: { type: 'string' }, policy: { type: 'string' }, audit: { type: 'string' } }, false);
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  if (!values.socket) throw new UsageError('--socket is required');
  const policyFile = values.policy ?? defaultPolicyFile;
  await ensurePolicyFile(policyFile);
  const audit: AuthzAuditSink = values.audit
    ? new AuditLog<AuthzAuditRecord>(values.audit)
    : { append: (record) => void io.stdout.write(`${terminalSafeJson(record)}\n`) };
  const plugin = await startAuthzPlugin({
    socketPath: values.socket,
    policy: new PolicyReader(policyFile),
    audit,
    onAuditError: (error) => io.stderr.write(`authz: refused a request: ${error.message}\n`),
  });
  io.stderr.write(`authz: listening on ${plugin.socketPath} (policy ${policyFile}, audit ${values.audit ?? 'stdout'})\n`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  await plugin.close();
  io.stderr.write(`authz: stopped (${signal})\n`);
  return ExitCode.ok;
}

async function revoke(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, { policy: { type: 'string' } }, true);
  if (positionals.length === 0) throw new UsageError('expects at least one serial');
  const notSerial = positionals.find((serial) => !isSerial(serial));
  if (notSerial !== undefined) throw new UsageError(`'${notSerial}' is not a hexadecimal serial (as certs issue prints it)`);
  const policyFile = values.policy ?? defaultPolicyFile;
  for (const serial of positionals) {
    const added = await revokeSerial(policyFile, serial);
    io.stderr.write(`${added ? 'Revoked' : 'Already revoked:'} ${serial} in ${policyFile}\n`);
  }
  return ExitCode.ok;
}
