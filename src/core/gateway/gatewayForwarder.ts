/**
 * One context's side of the gateway: every request on its socket is read as the engine's router
 * reads it (apiRoutes.ts, with the JSON body when the body decides), judged by the one Guard
 * (reads go straight through), and only then forwarded over the context's own upstream agent.
 * Responses stream back chunk by chunk as the engine sends them; uploads stream up; a request
 * that takes its connection over (attach, exec start, BuildKit's session and gRPC) is joined raw
 * to the engine's connection once the engine agreed. The engine's answer, status included, is
 * the client's; what the gateway answers itself is a 403 refusal or a 502 when the engine is gone.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { Duplex } from 'node:stream';

import type { ListedContext } from '../contexts/contextList';
import type { EngineUpstream } from '../engine/engineConnections';
import { apiBodyDecides, type ApiClassification, classifyApiRequest } from '../engineApi/apiRoutes';
import { type EngineAnswer, type Guard, GuardDeclined, type GuardRequest } from '../guard/guard';
import { answerError, answerErrorRaw, refusalMessage } from './gatewayAnswers';
import { type BodyStart, decidingBodyCap, readCapped, readExactly } from './gatewayBodies';
import { splice } from './gatewaySplice';

/** The engine answered with an error status: already passed on to the client, recorded as failed. */
class EngineStatusError extends Error implements EngineAnswer {
  constructor(readonly engineStatus: number) {
    super(`the engine answered ${engineStatus}`);
    this.name = 'EngineStatusError';
  }
}

/** The client left while its request was being judged (a question still open, Ctrl-C): nothing is sent, nothing answered. */
class ClientGone extends Error {
  constructor() {
    super('the client went away before the request was sent');
    this.name = 'ClientGone';
  }
}

/** Headers that belong to one connection, not to the request: Node sets its own for the upstream hop. */
const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'host']);

function endToEnd(headers: http.IncomingHttpHeaders, keep: readonly string[] = []): http.OutgoingHttpHeaders {
  const result: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && (!hopByHop.has(name) || keep.includes(name))) result[name] = value;
  }
  return result;
}

/** The status line and headers of `response` as raw bytes, for a connection the gateway writes itself. */
function rawHead(response: http.IncomingMessage, dropFraming: boolean): string {
  const lines = [`HTTP/1.1 ${response.statusCode} ${response.statusMessage}`];
  const raw = response.rawHeaders;
  for (let index = 0; index < raw.length; index += 2) {
    const name = raw[index].toLowerCase();
    if (dropFraming && (name === 'transfer-encoding' || name === 'connection' || name === 'content-length')) continue;
    lines.push(`${raw[index]}: ${raw[index + 1]}`);
  }
  // Node has decoded the body's framing; sent as is, it runs to the end of the connection.
  if (dropFraming) lines.push('Connection: close');
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** Settles the forwarding with the engine's status: an error status is a failure for the audit log. */
function settle(status: number | undefined, resolve: (answer: EngineAnswer) => void, reject: (error: Error) => void): void {
  const engineStatus = status ?? 502;
  if (engineStatus >= 400) reject(new EngineStatusError(engineStatus));
  else resolve({ engineStatus });
}

/** Passes an answer onto a connection the gateway writes itself, to the end of the engine's stream. */
function relayRaw(answer: http.IncomingMessage, socket: Duplex, outgoing: http.ClientRequest): void {
  socket.write(rawHead(answer, true));
  answer.pipe(socket);
  answer.on('error', () => socket.destroy());
  socket.on('close', () => outgoing.destroy());
}

/** Sends what was read of the body before the decision, then the rest as it comes. */
function sendBody(outgoing: http.ClientRequest, request: http.IncomingMessage, start: BodyStart): void {
  for (const chunk of start.chunks) outgoing.write(chunk);
  if (start.complete) outgoing.end();
  else request.pipe(outgoing);
}

export class GatewayForwarder {
  constructor(
    /** Replaced when the context's listing changes (its tier, its endpoint). */
    public context: ListedContext,
    private readonly guard: Guard,
    private readonly upstream: (context: ListedContext) => Promise<EngineUpstream>,
    private readonly log: (line: string) => void,
  ) {}

  /** An ordinary request (and the legacy hijack, which asks for no upgrade). */
  async handleRequest(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const target = request.url ?? '/';
    try {
      const start = apiBodyDecides(method, target) ? await readCapped(request, decidingBodyCap) : { chunks: [], complete: false };
      const body = start.complete ? Buffer.concat(start.chunks).toString('utf8') : undefined;
      const classification = classifyApiRequest(method, target, body);
      await this.judge(classification, method, target, () =>
        classification.hijack ? this.forwardLegacyHijack(request, response.socket!, start) : this.forward(request, response, start),
      );
    } catch (error) {
      if (error instanceof EngineStatusError || error instanceof ClientGone) return;
      if (error instanceof GuardDeclined) return answerError(response, 403, refusalMessage(error));
      this.log(`${method} ${target.split('?', 1)[0]} on "${this.context.name}": ${(error as Error).message}`);
      if (!response.headersSent && !response.socket?.destroyed) answerError(response, 502, this.unreachable(error));
      else response.destroy();
    }
  }

  /** A request that asks to take the connection over (`Upgrade: tcp`, `h2c`). */
  async handleUpgrade(request: http.IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const method = request.method ?? 'GET';
    const target = request.url ?? '/';
    socket.on('error', () => socket.destroy());
    const started = { value: false };
    try {
      if (request.headers['transfer-encoding'])
        return answerErrorRaw(socket, 400, 'Bad Request', 'the gateway takes no chunked body on a request that upgrades its connection');
      const length = Number(request.headers['content-length'] ?? 0);
      if (!Number.isSafeInteger(length) || length < 0 || length > decidingBodyCap)
        return answerErrorRaw(socket, 413, 'Payload Too Large', 'request body too large for an upgrade');
      const { body, rest } = await readExactly(socket, head, length);
      const classification = classifyApiRequest(method, target, apiBodyDecides(method, target) ? body.toString('utf8') : undefined);
      await this.judge(classification, method, target, () => this.forwardUpgrade(request, socket, body, rest, started));
    } catch (error) {
      if (error instanceof EngineStatusError || error instanceof ClientGone) return;
      if (error instanceof GuardDeclined) return answerErrorRaw(socket, 403, 'Forbidden', refusalMessage(error));
      this.log(`${method} ${target.split('?', 1)[0]} on "${this.context.name}": ${(error as Error).message}`);
      if (!started.value && !socket.destroyed) answerErrorRaw(socket, 502, 'Bad Gateway', this.unreachable(error));
      else socket.destroy();
    }
  }

  private unreachable(error: unknown): string {
    return `Docker Context Guard's gateway could not reach the engine of "${this.context.name}": ${(error as Error).message}`;
  }

  /** Reads go straight through; everything else passes the guard first. */
  private async judge(classification: ApiClassification, method: string, target: string, perform: () => Promise<EngineAnswer>): Promise<void> {
    if (classification.class === 'read') {
      await perform();
      return;
    }
    const guarded: GuardRequest = {
      context: this.context,
      operation: classification.operation,
      operationClass: classification.class,
      targets: classification.targets,
      source: 'gateway',
      api: { method, path: target.split('?', 1)[0] },
    };
    if (classification.hostAccess) guarded.hostAccess = classification.hostAccess;
    await this.guard.run(guarded, perform);
  }

  private async send(request: http.IncomingMessage, headers: http.OutgoingHttpHeaders): Promise<http.ClientRequest> {
    const upstream = await this.upstream(this.context);
    if (request.socket.destroyed) throw new ClientGone();
    const send = upstream.protocol === 'https:' ? https.request : http.request;
    return send({
      agent: upstream.agent,
      protocol: upstream.protocol,
      host: upstream.host,
      port: upstream.port,
      method: request.method,
      path: request.url,
      headers,
    });
  }

  private async forward(request: http.IncomingMessage, response: http.ServerResponse, start: BodyStart): Promise<EngineAnswer> {
    const outgoing = await this.send(request, endToEnd(request.headers));
    return new Promise((resolve, reject) => {
      outgoing.on('error', reject);
      outgoing.on('response', (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEnd(answer.headers));
        // Streams (logs -f, events, pull progress) have no length: their headers go at once, before the first line.
        if (answer.headers['content-length'] === undefined) response.flushHeaders();
        answer.pipe(response);
        answer.on('error', () => response.destroy());
        settle(answer.statusCode, resolve, reject);
      });
      // The client went away (docker logs -f interrupted): so does the engine's stream.
      response.on('close', () => {
        if (!response.writableFinished) outgoing.destroy();
      });
      sendBody(outgoing, request, start);
    });
  }

  /** A hijack asked for without `Upgrade`: the engine's answer is the raw stream itself, until it closes. */
  private async forwardLegacyHijack(request: http.IncomingMessage, socket: Duplex, start: BodyStart): Promise<EngineAnswer> {
    const outgoing = await this.send(request, endToEnd(request.headers));
    return new Promise((resolve, reject) => {
      outgoing.on('error', reject);
      outgoing.on('response', (answer) => {
        relayRaw(answer, socket, outgoing);
        settle(answer.statusCode, resolve, reject);
      });
      sendBody(outgoing, request, start);
    });
  }

  private async forwardUpgrade(request: http.IncomingMessage, socket: Duplex, body: Buffer, rest: Buffer, started: { value: boolean }): Promise<EngineAnswer> {
    const outgoing = await this.send(request, endToEnd(request.headers, ['connection', 'upgrade']));
    return new Promise((resolve, reject) => {
      outgoing.on('error', reject);
      outgoing.on('upgrade', (answer, engine: Duplex, engineHead: Buffer) => {
        started.value = true;
        socket.write(rawHead(answer, false));
        if (engineHead.length > 0) socket.write(engineHead);
        if (rest.length > 0) engine.write(rest);
        splice(socket, engine);
        socket.resume();
        resolve({ engineStatus: answer.statusCode ?? 101 });
      });
      // No upgrade (an error, or an engine that streams without switching): passed on as it came, then closed.
      outgoing.on('response', (answer) => {
        started.value = true;
        relayRaw(answer, socket, outgoing);
        settle(answer.statusCode, resolve, reject);
      });
      outgoing.end(body);
    });
  }
}
