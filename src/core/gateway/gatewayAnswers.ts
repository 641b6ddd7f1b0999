/**
 * What the gateway itself answers, in the shape the Docker CLI and SDKs expect from an engine:
 * a status code and `{"message": "…"}`, which `docker` prints as "Error response from daemon: …".
 * A refusal names the operation, the context, its tier and how to go ahead (an elevation), so a
 * person reading it in any tool knows what happened and what to do; the read-only wording is the
 * guard's own (readOnlyRefusal), the same as in a terminal.
 */
import type * as http from 'node:http';
import type { Duplex } from 'node:stream';

import { type GuardDeclined, GuardRefused, type GuardRequest } from '../guard/guard';

/** A guarded request the policy did not allow: who could not be asked (or said no), and how to proceed. */
export function declinedMessage(request: GuardRequest): string {
  const { context, operation } = request;
  return `${operation} on "${context.name}" (tier ${context.tier}) was refused by Docker Context Guard: it needs a confirmation, and none was given (the gateway outside VS Code has no one to ask). Run it where it can be confirmed (VS Code, or docker in a terminal), or open write access for a while, with a reason: docker guard elevate ${context.name} --for 15m --reason "…"`;
}

export function refusalMessage(error: GuardDeclined): string {
  return error instanceof GuardRefused ? error.message : declinedMessage(error.request);
}

function errorJson(message: string): string {
  return `${JSON.stringify({ message })}\n`;
}

/** Answers an ordinary request with an error of the gateway's own. */
export function answerError(response: http.ServerResponse, status: number, message: string): void {
  const body = errorJson(message);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }).end(body);
}

/** Answers a request whose connection was handed over (an upgrade) with an error, and closes it. */
export function answerErrorRaw(socket: Duplex, status: number, reason: string, message: string): void {
  const body = errorJson(message);
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
