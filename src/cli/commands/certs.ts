/**
 * `certs create|issue|inspect|check`: the certificates of "Create TLS Context" and "Grant Access", from a terminal.
 *
 * `create` writes what Docker's "Protect the Docker daemon socket" guide has openssl make (ca.pem,
 * ca-key.pem, server-cert.pem, server-key.pem, cert.pem, key.pem; keys 0600), usable as they are
 * by `dockerd --tlsverify` and `docker --tlsverify`; ca-key.pem encrypted (PKCS#8, AES-256) when a
 * CA passphrase is given. Writing private keys to disk is what the user asks for here. `issue`
 * signs an access certificate for one person or system with a role (core/access) from those CA
 * files and prints its serial alone on stdout, for `authz revoke`. `inspect`
 * prints each certificate of the given files as JSON. `check` gives the verdict the extension's
 * import gives on three files (validateClientMaterial), never printing the key.
 */
import { createPrivateKey } from 'node:crypto';
import * as path from 'node:path';

import { accessRoles, isAccessRole } from '../../core/access/accessRoles';
import { accessGrantProblem, defaultAccessDays, issueAccessCertificate } from '../../core/access/issueAccessCertificate';
import { ExistingFilesError, type OutputFile, refuseExistingFiles, writeOutputFiles } from '../../core/certificates/certificateFiles';
import { certificateOptionsProblem, type CertificateSet, type CertificateSetOptions, generateCertificateSet } from '../../core/certificates/certificateSet';
import { describeCertificate } from '../../core/certificates/describeCertificate';
import { tcpEndpoint } from '../../core/certificates/hostNames';
import { isKeyType, keyTypes } from '../../core/certificates/keyTypes';
import { certificatePems } from '../../core/certificates/pemCertificates';
import { readPemFile } from '../../core/certificates/pemFiles';
import { encryptedPkcs8Pem, pkcs8Pem, readPrivateKey } from '../../core/certificates/privateKeyPem';
import { readClientMaterialFromFiles } from '../../core/certificates/readClientMaterial';
import { defaultTlsPort } from '../../core/certificates/serverBundleReadme';
import { type ClientMaterialValidation, validateClientMaterial } from '../../core/certificates/validateClientMaterial';
import { type CliCommand, type CliIo, ExitCode } from '../io';
import { parseOptions, UsageError } from '../parseOptions';
import { newPassphraseLength, passphraseFromFile, passphraseFromTerminal } from '../passphrase';

const createUsage = `create --host HOST [--ip IP…] [--dns NAME…] --out DIR [--key ${keyTypes.join('|')}] [--days N] [--ca-days N] [--ca-passphrase-file FILE | --ca-passphrase] [--force]`;
const issueUsage = `issue --ca DIR --name NAME --role ${accessRoles.join('|')} --out DIR [--days N] [--ca-passphrase-file FILE] [--force]`;
const checkUsage = 'check --ca FILE --cert FILE --key FILE [--passphrase-file FILE] [--json]';

export const certsCommand: CliCommand = {
  name: 'certs',
  summary: 'Create TLS certificates for dockerd --tlsverify, issue access certificates, inspect certificates, or check client files',
  usage: `${createUsage} | ${issueUsage} | inspect FILE… | ${checkUsage}`,
  async run(args, io) {
    const [subcommand, ...rest] = args;
    switch (subcommand) {
      case 'create':
        return create(rest, io);
      case 'issue':
        return issue(rest, io);
      case 'inspect':
        return inspect(rest, io);
      case 'check':
        return check(rest, io);
      default:
        throw new UsageError(subcommand === undefined ? 'expects a subcommand: create, issue, inspect or check' : `unknown subcommand '${subcommand}'`);
    }
  },
};

async function create(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(
    args,
    {
      host: { type: 'string' },
      ip: { type: 'string', multiple: true },
      dns: { type: 'string', multiple: true },
      out: { type: 'string' },
      key: { type: 'string' },
      days: { type: 'string' },
      'ca-days': { type: 'string' },
      'ca-passphrase-file': { type: 'string' },
      'ca-passphrase': { type: 'boolean' },
      force: { type: 'boolean' },
    },
    false,
  );
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  if (!values.host) throw new UsageError('--host is required');
  if (!values.out) throw new UsageError('--out is required');
  if (values.key !== undefined && !isKeyType(values.key)) throw new UsageError(`--key takes one of ${keyTypes.join(', ')}`);
  const options: CertificateSetOptions = {
    host: values.host,
    ipAddresses: values.ip,
    dnsNames: values.dns,
    keyType: values.key,
    days: wholeNumber('--days', values.days),
    caDays: wholeNumber('--ca-days', values['ca-days']),
    onProgress: (step) => io.stderr.write(`${step}…\n`),
  };
  const problem = certificateOptionsProblem(options);
  if (problem) throw new UsageError(problem);
  if (values['ca-passphrase-file'] !== undefined && values['ca-passphrase']) throw new UsageError('give --ca-passphrase-file or --ca-passphrase, not both');
  // Asked before the keys are made, so nobody waits for RSA keys and then for a prompt.
  const caPassphrase =
    values['ca-passphrase-file'] !== undefined
      ? await passphraseFromFile(values['ca-passphrase-file'], newPassphraseLength)
      : values['ca-passphrase']
        ? await passphraseFromTerminal('ca-key.pem')
        : undefined;

  const dir = path.resolve(values.out);
  try {
    // Checked before the keys are made (RSA 4096 takes seconds), and again when writing.
    if (!values.force) await refuseExistingFiles(dir, Object.values(outputNames).flat());
    await writeOutputFiles(dir, outputFiles(await generateCertificateSet(options), caPassphrase), { overwrite: values.force });
  } catch (error) {
    explainExisting(error);
  }
  const file = (name: string) => path.join(dir, name);
  io.stdout.write(
    [
      `Wrote ca.pem, ca-key.pem, server-cert.pem, server-key.pem, cert.pem and key.pem to ${dir}.`,
      `Keep ca-key.pem offline${caPassphrase ? ' (it is encrypted with your passphrase)' : ''}: whoever holds it can issue certificates the engine accepts.`,
      '',
      'Engine:',
      `  dockerd --tlsverify --tlscacert=${file('ca.pem')} --tlscert=${file('server-cert.pem')} --tlskey=${file('server-key.pem')} -H=tcp://0.0.0.0:${defaultTlsPort}`,
      'Client:',
      `  docker --tlsverify --tlscacert=${file('ca.pem')} --tlscert=${file('cert.pem')} --tlskey=${file('key.pem')} -H=${tcpEndpoint(values.host, defaultTlsPort)} version`,
      '',
    ].join('\n'),
  );
  return ExitCode.ok;
}

/** An access certificate from `DIR/ca.pem` and `DIR/ca-key.pem`, written as a client folder (ca.pem, cert.pem, key.pem 0600). */
async function issue(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(
    args,
    {
      ca: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      out: { type: 'string' },
      days: { type: 'string' },
      'ca-passphrase-file': { type: 'string' },
      force: { type: 'boolean' },
    },
    false,
  );
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const { ca, name, role, out } = values;
  if (!ca || name === undefined || !role || !out) throw new UsageError('--ca, --name, --role and --out are required');
  if (!isAccessRole(role)) throw new UsageError(`--role takes one of ${accessRoles.join(', ')}`);
  const problem = accessGrantProblem({ name });
  if (problem) throw new UsageError(problem);
  const days = wholeNumber('--days', values.days) ?? defaultAccessDays;
  const caPem = await readPemFile(path.join(ca, 'ca.pem'));
  const caKey = readPrivateKey(
    await readPemFile(path.join(ca, 'ca-key.pem')),
    values['ca-passphrase-file'] === undefined ? undefined : await passphraseFromFile(values['ca-passphrase-file']),
  );
  if (!('key' in caKey))
    throw new Error(
      `cannot read ${path.join(ca, 'ca-key.pem')}: ${caKey.detail}${caKey.problem === 'passphraseRequired' ? ' (give --ca-passphrase-file)' : ''}`,
    );

  const dir = path.resolve(out);
  const names = ['ca.pem', 'cert.pem', 'key.pem'];
  if (!values.force) await refuseExistingFiles(dir, names).catch(explainExisting);
  const issued = await issueAccessCertificate(
    { certPem: caPem, keyPem: pkcs8Pem(caKey.key) },
    { name, role, days, onProgress: (step) => io.stderr.write(`${step}…\n`) },
  );
  const contents = [caPem, issued.certPem, issued.keyPem];
  await writeOutputFiles(
    dir,
    names.map((file, index) => ({ name: file, content: contents[index], secret: file === 'key.pem' })),
    { overwrite: values.force },
  ).catch(explainExisting);
  io.stderr.write(`Wrote ca.pem, cert.pem and key.pem for ${name} (${role}, serial ${issued.serial}, expires ${issued.notAfter}) to ${dir}.\n`);
  io.stdout.write(`${issued.serial}\n`);
  return ExitCode.ok;
}

function explainExisting(error: unknown): never {
  if (error instanceof ExistingFilesError) throw new Error(`${error.message} (--force replaces them)`, { cause: error });
  throw error;
}

async function inspect(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseOptions(args, {}, true);
  if (positionals.length === 0) throw new UsageError('expects at least one certificate file');
  const described = [];
  for (const file of positionals) {
    const pems = certificatePems(await readPemFile(file));
    if (pems.length === 0) throw new Error(`${file} holds no PEM certificate`);
    described.push(...pems.map((pem) => ({ file, ...describeCertificate(pem) })));
  }
  io.stdout.write(`${JSON.stringify(described, null, 2)}\n`);
  return ExitCode.ok;
}

/** Docker's guide's names: certificate and key of each part of the set. */
const outputNames: Record<keyof CertificateSet, readonly [string, string]> = {
  ca: ['ca.pem', 'ca-key.pem'],
  server: ['server-cert.pem', 'server-key.pem'],
  client: ['cert.pem', 'key.pem'],
};

function outputFiles(set: CertificateSet, caPassphrase: string | undefined): OutputFile[] {
  const keyPem = (part: keyof CertificateSet) =>
    part === 'ca' && caPassphrase !== undefined ? encryptedPkcs8Pem(createPrivateKey(set.ca.keyPem), caPassphrase) : set[part].keyPem;
  return (Object.keys(outputNames) as (keyof CertificateSet)[]).flatMap((part) => [
    { name: outputNames[part][0], content: set[part].certPem, secret: false },
    { name: outputNames[part][1], content: keyPem(part), secret: true },
  ]);
}

/** Exit 0 when the extension would import the three files, 1 when not; the key never leaves. */
async function check(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(
    args,
    { ca: { type: 'string' }, cert: { type: 'string' }, key: { type: 'string' }, 'passphrase-file': { type: 'string' }, json: { type: 'boolean' } },
    false,
  );
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const { ca, cert, key } = values;
  if (!ca || !cert || !key) throw new UsageError('--ca, --cert and --key are required');
  const read = await readClientMaterialFromFiles({ ca, cert, key });
  const passphrase = values['passphrase-file'] === undefined ? undefined : await passphraseFromFile(values['passphrase-file']);
  const verdict: ClientMaterialValidation = read.ok
    ? validateClientMaterial({ ...read.material, passphrase })
    : { valid: false, problems: read.problems, warnings: [] };
  const { valid, warnings } = verdict;
  const problems = verdict.valid ? [] : verdict.problems;
  if (values.json) {
    io.stdout.write(`${JSON.stringify({ valid, problems, warnings }, null, 2)}\n`);
  } else {
    const lines = [
      valid ? 'These files can be imported.' : 'These files cannot be imported:',
      ...problems.map((problem) => `  ${problem.message}`),
      ...warnings.map((warning) => `  warning: ${warning.message}`),
    ];
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  return valid ? ExitCode.ok : ExitCode.failed;
}

function wholeNumber(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${option} takes a whole number of days`);
  return Number(value);
}
