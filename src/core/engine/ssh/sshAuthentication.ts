/**
 * Public-key authentication in ssh's order (pubkey_prepare): the ssh-agent's keys that are also
 * identity files, the agent's other keys (not with IdentitiesOnly), then the identity files the
 * agent does not hold (IdentityFile, or the default ~/.ssh/id_*), each key offered once. An encrypted key is offered by its public half
 * first (from `<file>.pub`, or the clear header of an OpenSSH-format key), as ssh does, and its
 * passphrase is asked only once the server said it would accept that key (three tries, like ssh;
 * no answer skips the key); it is used for that signature and never kept. A key with no public
 * half to be found is decrypted when its turn comes. SSH certificates are not supported (ssh2 has none): a `FILE-cert.pub`
 * next to a key is named in the "Permission denied" message, as what ssh would have offered.
 *
 * Implemented as ssh2's `authHandler` function, which may answer asynchronously: it is called
 * after each failure and gets the next method, or `false` when none is left.
 */
import { readFile, stat } from 'node:fs/promises';

import type { AnyAuthMethod, AuthHandlerMiddleware, BaseAgent, IdentityCallback, ParsedKey, SignCallback, SigningRequestOptions } from 'ssh2';

import { loadSsh2 } from '../../vendor';
import type { SshTarget } from './sshConfig';
import type { SshPrompts } from './sshPrompts';

const passphraseAttempts = 3;

export interface SshAuthentication {
  handler: AuthHandlerMiddleware;
  /** What was tried and skipped, for the "Permission denied" message. */
  summary(): string;
}

/** `duringPrompt` wraps every question, so that the connect timeout does not count the person's time. */
export function createAuthentication(
  target: SshTarget,
  prompts: Pick<SshPrompts, 'passphrase'>,
  duringPrompt: <T>(ask: () => Promise<T>) => Promise<T>,
): SshAuthentication {
  const steps: Array<() => Promise<AnyAuthMethod | undefined>> = [];
  const tried: string[] = [];
  const skipped: string[] = [];
  let offersPublicKey = true;

  /** Public blobs of the agent's keys, once it was asked: identity files among them are not offered again. */
  const agentKeys: Buffer[] = [];
  if (target.agentSocket) {
    const socket = target.agentSocket;
    steps.push(async () => {
      tried.push('the ssh-agent');
      const agent = await orderedAgent(socket, target, agentKeys);
      return agent ? { type: 'agent', username: target.user, agent } : undefined;
    });
  }
  const decrypt = (keyFile: string, data: Buffer) => decryptKey(keyFile, data, prompts, duringPrompt, skipped);
  const inAgent = (key: ParsedKey) => agentKeys.some((blob) => blob.equals(key.getPublicSSH()));
  for (const keyFile of target.identityFiles) {
    steps.push(async () => {
      const method = await identityMethod(keyFile, target.user, decrypt, skipped, inAgent);
      if (method) tried.push(keyFile);
      // ssh would also offer FILE-cert(.pub); a server that wants the certificate refuses the plain key.
      const certificate = await firstExisting([`${keyFile}-cert.pub`, `${keyFile}-cert`]);
      if (certificate) skipped.push(`${certificate} (SSH user certificates are not supported: only the plain key was offered)`);
      return method;
    });
  }

  const next = async (): Promise<AnyAuthMethod | false> => {
    while (offersPublicKey && steps.length > 0) {
      const method = await steps.shift()!();
      if (method) return method;
    }
    return false;
  };

  return {
    handler: (methodsLeft, _partialSuccess, done) => {
      // The server lists what may continue; without publickey nothing here can succeed.
      if (Array.isArray(methodsLeft) && !methodsLeft.includes('publickey')) offersPublicKey = false;
      next().then(
        (method) => done(method as AnyAuthMethod),
        () => done(false as unknown as AnyAuthMethod),
      );
    },
    summary: () => {
      const parts = [tried.length > 0 ? `tried ${tried.join(', ')}` : 'no key to offer (no ssh-agent, no identity file)'];
      if (skipped.length > 0) parts.push(`skipped ${skipped.join(', ')}`);
      if (!offersPublicKey) parts.push('the server does not accept public keys here (password login is not supported)');
      return parts.join('; ');
    },
  };
}

async function firstExisting(files: string[]): Promise<string | undefined> {
  for (const file of files) {
    if (
      await stat(file).then(
        (info) => info.isFile(),
        () => false,
      )
    )
      return file;
  }
  return undefined;
}

type Decrypt = (keyFile: string, data: Buffer) => Promise<ParsedKey | undefined>;

/** How one identity file is offered: the key itself, or (encrypted, public half known) an agent asking for the passphrase on demand. */
async function identityMethod(
  keyFile: string,
  username: string,
  decrypt: Decrypt,
  skipped: string[],
  inAgent: (key: ParsedKey) => boolean,
): Promise<AnyAuthMethod | undefined> {
  let data: Buffer;
  try {
    data = await readFile(keyFile);
  } catch {
    return undefined; // a missing IdentityFile is silently passed over, as ssh does
  }
  const ssh2 = loadSsh2();
  const plain = ssh2.utils.parseKey(data);
  if (!(plain instanceof Error)) {
    const key = usable(plain, keyFile, skipped);
    return key && !inAgent(key) ? { type: 'publickey', username, key } : undefined;
  }
  if (!/no passphrase given/i.test(plain.message)) {
    skipped.push(`${keyFile} (${plain.message})`);
    return undefined;
  }
  const publicKey = await publicHalf(keyFile, data);
  if (publicKey && inAgent(publicKey)) return undefined; // offered through the agent already
  if (!publicKey) {
    const key = await decrypt(keyFile, data);
    return key && { type: 'publickey', username, key };
  }
  class PassphraseOnDemand extends ssh2.BaseAgent {
    getIdentities(cb: IdentityCallback): void {
      cb(undefined, [publicKey!]);
    }

    sign(_pubKey: ParsedKey | Buffer | string, payload: Buffer, options: SigningRequestOptions | SignCallback | undefined, cb?: SignCallback): void {
      const callback = (typeof options === 'function' ? options : cb)!;
      const hash = typeof options === 'function' ? undefined : options?.hash;
      decrypt(keyFile, data).then(
        (key) => {
          const signature = key ? key.sign(payload, hash) : new Error(`no passphrase for ${keyFile}`);
          if (signature instanceof Error) callback(signature);
          else callback(undefined, signature);
        },
        (error: Error) => callback(error),
      );
    }
  }
  return { type: 'agent', username, agent: new PassphraseOnDemand() };
}

/** The public key of an encrypted key file: `<file>.pub`, else the clear header of the openssh-key-v1 format. */
async function publicHalf(keyFile: string, data: Buffer | undefined): Promise<ParsedKey | undefined> {
  const { parseKey } = loadSsh2().utils;
  const fromPub = await readFile(`${keyFile}.pub`).then(
    (pub) => parseKey(pub),
    () => undefined,
  );
  const parsed = fromPub && !(fromPub instanceof Error) ? fromPub : data && headerPublicKey(data);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  return key && !(key instanceof Error) ? key : undefined;
}

/** openssh-key-v1: magic, cipher, kdf, kdf options, key count, then the first public key blob, unencrypted. */
function headerPublicKey(data: Buffer): ParsedKey | ParsedKey[] | Error | undefined {
  const match = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]*?)-----END OPENSSH PRIVATE KEY-----/.exec(data.toString('latin1'));
  if (!match) return undefined;
  const blob = Buffer.from(match[1].replace(/\s+/g, ''), 'base64');
  const magic = 'openssh-key-v1\0';
  if (blob.toString('latin1', 0, magic.length) !== magic) return undefined;
  let offset = magic.length;
  const next = (): Buffer | undefined => {
    if (offset + 4 > blob.length) return undefined;
    const length = blob.readUInt32BE(offset);
    const field = blob.subarray(offset + 4, offset + 4 + length);
    offset += 4 + length;
    return field.length === length ? field : undefined;
  };
  if (!next() || !next() || !next() || offset + 4 > blob.length) return undefined; // cipher, kdf, kdf options
  offset += 4; // number of keys
  const publicBlob = next();
  if (!publicBlob || publicBlob.length < 4) return undefined;
  const type = publicBlob.toString('latin1', 4, 4 + publicBlob.readUInt32BE(0));
  return loadSsh2().utils.parseKey(`${type} ${publicBlob.toString('base64')}`);
}

/** Decrypts an encrypted key with passphrases asked for it (three tries); undefined when none is given or none fits. */
async function decryptKey(
  keyFile: string,
  data: Buffer,
  prompts: Pick<SshPrompts, 'passphrase'>,
  duringPrompt: <T>(ask: () => Promise<T>) => Promise<T>,
  skipped: string[],
): Promise<ParsedKey | undefined> {
  const { parseKey } = loadSsh2().utils;
  for (let attempt = 0; attempt < passphraseAttempts; attempt++) {
    const passphrase = await duringPrompt(() => prompts.passphrase(attempt === 0 ? { keyFile } : { keyFile, retry: true }));
    if (passphrase === undefined) {
      skipped.push(`${keyFile} (encrypted, no passphrase given)`);
      return undefined;
    }
    const key = parseKey(data, passphrase);
    if (!(key instanceof Error)) return usable(key, keyFile, skipped);
  }
  skipped.push(`${keyFile} (wrong passphrase)`);
  return undefined;
}

function usable(parsed: ParsedKey | ParsedKey[], keyFile: string, skipped: string[]): ParsedKey | undefined {
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (key?.isPrivateKey()) return key;
  skipped.push(`${keyFile} (not a private key)`);
  return undefined;
}

/**
 * The agent's keys in ssh's order (pubkey_prepare): first those that are also identity files (in
 * the agent's order), then, unless IdentitiesOnly, the others. `offered` receives every agent key,
 * so that an identity file the agent holds is not offered a second time.
 */
async function orderedAgent(socket: string, target: SshTarget, offered: Buffer[]): Promise<BaseAgent | undefined> {
  const ssh2 = loadSsh2();
  const files: Buffer[] = [];
  for (const file of target.identityFiles) {
    const key = await identityPublicKey(file);
    if (key) files.push(key.getPublicSSH());
  }
  if (target.identitiesOnly && files.length === 0) return undefined;
  const inner = ssh2.createAgent(socket);
  const isFile = (key: unknown) => files.some((blob) => publicBlob(key)?.equals(blob));
  class OrderedAgent extends ssh2.BaseAgent {
    getIdentities(cb: IdentityCallback): void {
      inner.getIdentities((err, keys) => {
        if (err || !keys) return cb(err, keys);
        for (const key of keys) {
          const blob = publicBlob(key);
          if (blob) offered.push(blob);
        }
        cb(err, [...keys.filter(isFile), ...(target.identitiesOnly ? [] : keys.filter((key) => !isFile(key)))]);
      });
    }

    sign(pubKey: ParsedKey | Buffer | string, data: Buffer, options?: SigningRequestOptions | SignCallback, cb?: SignCallback): void {
      (inner.sign as (...args: unknown[]) => void)(pubKey, data, options, cb);
    }
  }
  return new OrderedAgent();
}

/** An identity file's public half as ssh finds it: `<file>.pub`, the key itself when unencrypted, or the OpenSSH header. */
async function identityPublicKey(file: string): Promise<ParsedKey | undefined> {
  const data = await readFile(file).catch(() => undefined);
  const plain = data && loadSsh2().utils.parseKey(data);
  const key = Array.isArray(plain) ? plain[0] : plain;
  if (key && !(key instanceof Error)) return key;
  return publicHalf(file, data);
}

function publicBlob(key: unknown): Buffer | undefined {
  if (Buffer.isBuffer(key)) return key;
  const parsed = key as Partial<ParsedKey> | undefined;
  return typeof parsed?.getPublicSSH === 'function' ? parsed.getPublicSSH() : undefined;
}
