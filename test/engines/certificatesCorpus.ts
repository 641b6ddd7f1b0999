/**
 * The certificate sets of the differential corpus, made by the openssl CLI (and, for the engine's
 * own set, by our `certs create` with a wildcard name and an encrypted CA key that openssl then
 * signs with): odd client chains, SHA-1 (on a leaf, and a root's own), a CN-only server, a server certificate without serverAuth, intermediates, expired and future
 * certificates. Each case names the engine variant it runs against and the files a client uses.
 */
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

import { cliPath } from '../support/repoPaths';
import { runProcess } from '../support/runProcess';
import { openssl } from '../unit/certificates/opensslPki';

/** An engine variant: dockerd's --tlscacert, --tlscert and --tlskey. */
export interface ServerFiles {
  ca: string;
  cert: string;
  key: string;
}

export type EngineVariant = 'good' | 'sha1' | 'cnOnly' | 'noServerAuth' | 'fromIntermediate';

export interface CorpusCase {
  name: string;
  engine: EngineVariant;
  /** The name dialed: an IP address, or localhost (resolved by /etc/hosts). */
  dialHost: '127.0.0.1' | 'localhost';
  /** Which side's certificate the case is about: what openssl verifies, against the other side's CAs. */
  varies: 'client' | 'server';
  client: { ca: string; cert: string; key: string };
}

export interface Corpus {
  engines: Record<EngineVariant, ServerFiles>;
  cases: CorpusCase[];
  /** The passphrase file `certs create --ca-passphrase-file` was given. */
  passphraseFile: string;
  /** The CA key `certs create` wrote, encrypted. */
  caKeyFile: string;
}

interface Issuer {
  cert: string;
  key: string;
  /** openssl's -passin for an encrypted key. */
  passin?: string;
}

const clientAuth = 'extendedKeyUsage=clientAuth\n';
const serverNames = 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n';
const caExtensions = 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n';

export async function buildCorpus(dir: string): Promise<Corpus> {
  const file = (name: string) => path.join(dir, name);
  const cat = async (name: string, ...parts: string[]) => {
    await writeFile(file(name), (await Promise.all(parts.map((part) => readFile(part, 'utf8')))).join(''));
    return file(name);
  };
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  const signArgs = (issuer: Issuer) => ['-CA', issuer.cert, '-CAkey', issuer.key, ...(issuer.passin ? ['-passin', issuer.passin] : [])];

  /** A certificate for `name` with `extensions`, signed by `issuer`; `dates` use `openssl ca` (x509 -req has no start date in 3.0). */
  const issue = async (
    name: string,
    issuer: Issuer,
    extensions: string,
    options: { md?: string; subject?: string; dates?: [string, string] } = {},
  ): Promise<Issuer> => {
    const made = { cert: file(`${name}.pem`), key: file(`${name}-key.pem`) };
    await writeFile(file(`${name}.ext`), extensions);
    await openssl(['req', '-new', ...newKey, '-subj', `/CN=${options.subject ?? name}`, '-keyout', made.key, '-out', file(`${name}.csr`)]);
    if (options.dates) {
      await writeFile(file(`${name}.index`), '');
      await writeFile(
        file(`${name}.cnf`),
        `[ca]\ndefault_ca = x\n[x]\ndatabase = ${file(`${name}.index`)}\nnew_certs_dir = ${dir}\nrand_serial = yes\npolicy = p\ndefault_md = sha256\nunique_subject = no\n[p]\ncommonName = supplied\n`,
      );
      await openssl([
        'ca',
        '-config',
        file(`${name}.cnf`),
        '-batch',
        '-notext',
        '-startdate',
        options.dates[0],
        '-enddate',
        options.dates[1],
        '-in',
        file(`${name}.csr`),
        '-cert',
        issuer.cert,
        '-keyfile',
        issuer.key,
        ...(issuer.passin ? ['-passin', issuer.passin] : []),
        '-extfile',
        file(`${name}.ext`),
        '-out',
        made.cert,
      ]);
    } else {
      await openssl([
        'x509',
        '-req',
        '-days',
        '30',
        `-${options.md ?? 'sha256'}`,
        '-in',
        file(`${name}.csr`),
        ...signArgs(issuer),
        '-extfile',
        file(`${name}.ext`),
        '-out',
        made.cert,
      ]);
    }
    return made;
  };
  const root = async (name: string, md = 'sha256'): Promise<Issuer> => {
    const made = { cert: file(`${name}.pem`), key: file(`${name}-key.pem`) };
    await openssl([
      'req',
      '-x509',
      `-${md}`,
      ...newKey,
      '-subj',
      `/CN=${name}`,
      '-days',
      '30',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
      '-keyout',
      made.key,
      '-out',
      made.cert,
    ]);
    return made;
  };

  // The engine's own set, from our CLI: the CA key encrypted, a wildcard among the server's names.
  const passphraseFile = file('ca-passphrase.txt');
  await writeFile(passphraseFile, 'corpus passphrase\n');
  const created = await runProcess(process.execPath, [
    cliPath,
    'certs',
    'create',
    '--host',
    '127.0.0.1',
    '--dns',
    'localhost',
    '--dns',
    '*.example.com',
    '--key',
    'ecdsa-p256',
    '--ca-passphrase-file',
    passphraseFile,
    '--out',
    file('engine'),
  ]);
  if (created.code !== 0) throw new Error(`certs create failed: ${created.stderr}`);
  const engineDir = file('engine');
  const rootCa: Issuer = { cert: path.join(engineDir, 'ca.pem'), key: path.join(engineDir, 'ca-key.pem'), passin: `file:${passphraseFile}` };

  const [otherClientCa, sha1Root, serverRoot] = await Promise.all([root('other-client-ca'), root('sha1-root', 'sha1'), root('server-root')]);
  const [intermediate, serverIntermediate] = await Promise.all([
    issue('client-intermediate', rootCa, caExtensions),
    issue('server-intermediate', serverRoot, caExtensions),
  ]);
  const [underSha1Root, good, viaIntermediate, otherCa, sha1Client, expired, future, serverOnly, sha1Server, cnOnly, clientOnlyServer, serverLeaf] =
    await Promise.all([
      issue('sha1-root-client', sha1Root, clientAuth),
      issue('good-client', rootCa, clientAuth),
      issue('intermediate-client', intermediate, clientAuth),
      issue('other-ca-client', otherClientCa, clientAuth),
      issue('sha1-client', rootCa, clientAuth, { md: 'sha1' }),
      issue('expired-client', rootCa, clientAuth, { dates: ['20200101000000Z', '20200201000000Z'] }),
      issue('future-client', rootCa, clientAuth, { dates: ['20400101000000Z', '20400201000000Z'] }),
      issue('server-only-client', rootCa, 'extendedKeyUsage=serverAuth\n'),
      issue('sha1-server', rootCa, serverNames, { md: 'sha1' }),
      issue('cn-only-server', rootCa, 'extendedKeyUsage=serverAuth\n', { subject: 'localhost' }),
      issue('client-only-server', rootCa, serverNames.replace('serverAuth', 'clientAuth')),
      issue('intermediate-server', serverIntermediate, serverNames),
    ]);
  const encryptedKey = file('encrypted-key.pem');
  await openssl(['pkey', '-in', good.key, '-aes256', '-passout', 'pass:corpus', '-out', encryptedKey]);

  const engines: Record<EngineVariant, ServerFiles> = {
    // The engine trusts its own CA (which also signed the client intermediate) and two more client CAs.
    good: {
      ca: await cat('engine-client-cas.pem', rootCa.cert, otherClientCa.cert, sha1Root.cert),
      cert: path.join(engineDir, 'server-cert.pem'),
      key: path.join(engineDir, 'server-key.pem'),
    },
    sha1: { ca: rootCa.cert, ...sha1Server },
    cnOnly: { ca: rootCa.cert, ...cnOnly },
    noServerAuth: { ca: rootCa.cert, ...clientOnlyServer },
    // dockerd sends the bare leaf: the intermediate must come from the client's ca.pem.
    fromIntermediate: { ca: rootCa.cert, ...serverLeaf },
  };
  const client = (ca: string, made: Issuer, key = made.key) => ({ ca, cert: made.cert, key });
  const onGood = (name: string, varies: CorpusCase['varies'], files: CorpusCase['client']): CorpusCase => ({
    name,
    engine: 'good',
    dialHost: '127.0.0.1',
    varies,
    client: files,
  });
  const cases: CorpusCase[] = [
    onGood('a client certificate of the engine’s CA', 'client', client(rootCa.cert, good)),
    onGood('cert.pem = leaf + intermediate', 'client', {
      ca: rootCa.cert,
      cert: await cat('intermediate-chain.pem', viaIntermediate.cert, intermediate.cert),
      key: viaIntermediate.key,
    }),
    onGood(
      'a bare leaf, its intermediate in ca.pem (root + intermediate)',
      'client',
      client(await cat('root-and-intermediate.pem', rootCa.cert, intermediate.cert), viaIntermediate),
    ),
    onGood('a client CA other than the one in ca.pem', 'client', client(rootCa.cert, otherCa)),
    onGood('a SHA-1 signed client certificate', 'client', client(rootCa.cert, sha1Client)),
    onGood(
      'a client CA whose own (self-)signature is SHA-1, in ca.pem',
      'client',
      client(await cat('with-sha1-root.pem', rootCa.cert, sha1Root.cert), underSha1Root),
    ),
    onGood('an expired client certificate', 'client', client(rootCa.cert, expired)),
    onGood('a client certificate not valid yet', 'client', client(rootCa.cert, future)),
    onGood('a client certificate for serverAuth only', 'client', client(rootCa.cert, serverOnly)),
    onGood('a key that is not the certificate’s', 'client', client(rootCa.cert, good, otherCa.key)),
    onGood('an encrypted key, no passphrase', 'client', client(rootCa.cert, good, encryptedKey)),
    { name: 'a SHA-1 signed server certificate', engine: 'sha1', dialHost: '127.0.0.1', varies: 'server', client: client(rootCa.cert, good) },
    { name: 'a server certificate for clientAuth only', engine: 'noServerAuth', dialHost: '127.0.0.1', varies: 'server', client: client(rootCa.cert, good) },
    {
      name: 'a server certificate naming the host only in its CN',
      engine: 'cnOnly',
      dialHost: 'localhost',
      varies: 'server',
      client: client(rootCa.cert, good),
    },
    {
      name: 'a bare server leaf, root + intermediate in ca.pem',
      engine: 'fromIntermediate',
      dialHost: '127.0.0.1',
      varies: 'server',
      client: client(await cat('server-root-and-intermediate.pem', serverRoot.cert, serverIntermediate.cert), good),
    },
    {
      name: 'a bare server leaf, only its intermediate in ca.pem',
      engine: 'fromIntermediate',
      dialHost: '127.0.0.1',
      varies: 'server',
      client: client(serverIntermediate.cert, good),
    },
  ];
  return { engines, cases, passphraseFile, caKeyFile: rootCa.key };
}
