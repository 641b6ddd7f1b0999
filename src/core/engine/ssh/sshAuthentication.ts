/**
 * Public-key authentication in ssh's order: the keys of the ssh-agent, then each identity file
 * (IdentityFile, or the default ~/.ssh/id_*). An encrypted key is decrypted only when its turn
 * comes, with a passphrase asked for that one attempt (three tries, like ssh; no answer skips
 * the key) and never kept. With IdentitiesOnly, the agent may only use the configured keys.
 *
 * Implemented as ssh2's `authHandler` function, which may answer asynchronously: it is called
 * after each failure and gets the next method, or `false` when none is left.
 */
import { readFile } from 'node:fs/promises';
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

  if (target.agentSocket) {
    const socket = target.agentSocket;
    steps.push(async () => {
      tried.push('the ssh-agent');
      const agent = target.identitiesOnly ? await restrictedAgent(socket, target.identityFiles) : loadSsh2().createAgent(socket);
      return agent ? { type: 'agent', username: target.user, agent } : undefined;
    });
  }
  for (const keyFile of target.identityFiles) {
    steps.push(async () => {
      const key = await loadPrivateKey(keyFile, prompts, duringPrompt, skipped);
      if (!key) return undefined;
      tried.push(keyFile);
      return { type: 'publickey', username: target.user, key };
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

async function loadPrivateKey(
  keyFile: string,
  prompts: Pick<SshPrompts, 'passphrase'>,
  duringPrompt: <T>(ask: () => Promise<T>) => Promise<T>,
  skipped: string[],
): Promise<ParsedKey | undefined> {
  let data: Buffer;
  try {
    data = await readFile(keyFile);
  } catch {
    return undefined; // a missing IdentityFile is silently passed over, as ssh does
  }
  const { parseKey } = loadSsh2().utils;
  const plain = parseKey(data);
  if (!(plain instanceof Error)) return usable(plain, keyFile, skipped);
  if (!/no passphrase given/i.test(plain.message)) {
    skipped.push(`${keyFile} (${plain.message})`);
    return undefined;
  }
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

/** The agent, showing only keys whose public half is one of `identityFiles` (from `<file>.pub` or an unencrypted key). */
async function restrictedAgent(socket: string, identityFiles: string[]): Promise<BaseAgent | undefined> {
  const ssh2 = loadSsh2();
  const allowed: Buffer[] = [];
  for (const file of identityFiles) {
    for (const candidate of [`${file}.pub`, file]) {
      const data = await readFile(candidate).catch(() => undefined);
      const parsed = data && ssh2.utils.parseKey(data);
      const key = Array.isArray(parsed) ? parsed[0] : parsed;
      if (key && !(key instanceof Error)) {
        allowed.push(key.getPublicSSH());
        break;
      }
    }
  }
  if (allowed.length === 0) return undefined;
  const inner = ssh2.createAgent(socket);
  class RestrictedAgent extends ssh2.BaseAgent {
    getIdentities(cb: IdentityCallback): void {
      inner.getIdentities((err, keys) => {
        if (err || !keys) return cb(err, keys);
        cb(err, keys.filter((key) => allowed.some((blob) => publicBlob(key)?.equals(blob))));
      });
    }

    sign(pubKey: ParsedKey | Buffer | string, data: Buffer, options?: SigningRequestOptions | SignCallback, cb?: SignCallback): void {
      (inner.sign as (...args: unknown[]) => void)(pubKey, data, options, cb);
    }
  }
  return new RestrictedAgent();
}

function publicBlob(key: unknown): Buffer | undefined {
  if (Buffer.isBuffer(key)) return key;
  const parsed = key as Partial<ParsedKey> | undefined;
  return typeof parsed?.getPublicSSH === 'function' ? parsed.getPublicSSH() : undefined;
}
