import type { IncomingMessage, ServerResponse } from "node:http";

/** An HTTP answer, fully decided before anything is written (so faults can replace or delay it). */
export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** JSON as a {@link Reply}, `application/json` unless another media type is given. */
export function jsonReply(
  status: number,
  value: unknown,
  headers: Readonly<Record<string, string>> = {},
  contentType = "application/json",
): Reply {
  return { status, headers: { "Content-Type": contentType, ...headers }, body: JSON.stringify(value) };
}

/** `reply` with `extra` headers laid over its own. */
export function withHeaders(reply: Reply, extra: Readonly<Record<string, string>>): Reply {
  return { ...reply, headers: { ...reply.headers, ...extra } };
}

/** Sends `reply` unless the client has gone. */
export function writeReply(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.headersSent || res.socket?.destroyed === true) return;
  res.statusCode = reply.status;
  for (const [name, value] of Object.entries(reply.headers)) res.setHeader(name, value);
  res.setHeader("Content-Length", Buffer.byteLength(reply.body));
  res.end(reply.body);
}

/** Thrown by {@link readBody} when the body is larger than allowed. */
export class BodyTooLargeError extends Error {
  override readonly name = "BodyTooLargeError";
}

/** The whole request body as UTF-8 text, refusing more than `limitBytes`. */
export async function readBody(req: IncomingMessage, limitBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limitBytes) throw new BodyTooLargeError(`request body over ${limitBytes} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
