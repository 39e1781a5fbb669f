import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { atlasError } from "./atlas-error";
import { formatAtlasReply } from "./atlas-reply";
import { admitAtlasCall, isAtlasPath, type Admission } from "./atlas-routes";
import { authScheme } from "./authenticate";
import { handleControlCall, isControlPath } from "./control-routes";
import type { EmulatorState } from "./emulator-state";
import { answersItself, faultKind, faultReply } from "./fault-reply";
import type { PendingFault } from "./fault-store";
import { BodyTooLargeError, jsonReply, readBody, withHeaders, writeReply, type Reply } from "./http-reply";
import type { IncomingCall } from "./incoming-call";
import { handleOAuthCall, isOAuthPath } from "./oauth-routes";

/** Largest request body accepted; Atlas bodies here are a few hundred bytes. */
const BODY_LIMIT_BYTES = 1024 * 1024;

const PLAIN = { version: "v1.0", envelope: false, pretty: false } as const;

/** The server's request listener, plus the means to let go of requests it holds (hanging, delayed). */
export interface RequestHandler {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Ends every hanging request and pending delay by closing its connection (reset, close). */
  release(): void;
}

/** What the handler needs besides the state. */
export interface RequestHandlerOptions {
  readonly quiet: boolean;
  readonly logger: (line: string) => void;
}

/** How one request ended: an answer, or a connection closed or held without one. */
type Outcome = { readonly kind: "reply"; readonly reply: Reply } | { readonly kind: "drop" | "hang" | "gone" };

/**
 * Routes each request (control API, OAuth, Atlas) and applies scripted faults: before authentication as a proxy
 * would, or, with `act`/`drop: "after"`, after the real operation. Every non-control request is logged.
 */
export function createRequestHandler(state: EmulatorState, options: RequestHandlerOptions): RequestHandler {
  const held = new Set<ServerResponse>();
  /** Pending delays, each ended early by `release`. */
  const delays = new Map<NodeJS.Timeout, () => void>();

  /** Waits `ms` (cut short by `release`); false when the client is gone by then. */
  async function delay(res: ServerResponse, ms: number | undefined): Promise<boolean> {
    if (ms === undefined) return true;
    held.add(res);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        delays.delete(timer);
        resolve();
      }, ms);
      delays.set(timer, resolve);
    });
    held.delete(res);
    return !isGone(res);
  }

  /**
   * The answer to `call` (request number `seq`), with the faults that match it applied; `fault` is the one that fired,
   * for the log.
   */
  async function serve(
    call: IncomingCall,
    res: ServerResponse,
    seq: number,
  ): Promise<{ outcome: Outcome; fault?: PendingFault }> {
    const early = state.faults.take("before", call.method, call.url.pathname);
    if (early !== undefined) {
      if (!(await delay(res, early.delayMs))) return { outcome: { kind: "gone" }, fault: early };
      if (early.hang === true) return { outcome: { kind: "hang" }, fault: early };
      if (early.drop === "before") return { outcome: { kind: "drop" }, fault: early };
      const reply = answersItself(early) ? faultReply(early) : withHeaders(route(call), early.headers ?? {});
      return { outcome: { kind: "reply", reply }, fault: early };
    }
    const admission = isAtlasPath(call.url.pathname) ? guardedAdmission(call) : undefined;
    if (admission?.ok === true) {
      const landing = state.faults.take("admitted", call.method, call.url.pathname);
      if (landing !== undefined) {
        state.lateWrites.add(seq, landing.landsAfter ?? 0, () => void guarded(() => admission.run()));
        return { outcome: { kind: "drop" }, fault: landing };
      }
    }
    const reply =
      admission === undefined ? route(call) : admission.ok ? guarded(() => admission.run()) : admission.reply;
    // An authentication challenge means the operation did not run: leave `act` faults for the real attempt.
    if (reply.status === 401 && reply.headers["WWW-Authenticate"] !== undefined)
      return { outcome: { kind: "reply", reply } };
    const late = state.faults.take("after", call.method, call.url.pathname);
    if (late === undefined) return { outcome: { kind: "reply", reply } };
    if (!(await delay(res, late.delayMs))) return { outcome: { kind: "gone" }, fault: late };
    if (late.drop === "after") return { outcome: { kind: "drop" }, fault: late };
    if (late.hang === true) return { outcome: { kind: "hang" }, fault: late };
    return { outcome: { kind: "reply", reply: faultReply(late) }, fault: late };
  }

  function guardedAdmission(call: IncomingCall): Admission {
    try {
      return admitAtlasCall(state, call);
    } catch (error) {
      return { ok: false, reply: unexpected(error) };
    }
  }

  function route(call: IncomingCall): Reply {
    try {
      if (isOAuthPath(call.url.pathname)) return handleOAuthCall(state, call);
      if (isAtlasPath(call.url.pathname)) {
        const admission = admitAtlasCall(state, call);
        return admission.ok ? admission.run() : admission.reply;
      }
      return formatAtlasReply(atlasError("RESOURCE_NOT_FOUND", [call.url.pathname]), PLAIN);
    } catch (error) {
      return unexpected(error);
    }
  }

  function guarded(run: () => Reply): Reply {
    try {
      return run();
    } catch (error) {
      return unexpected(error);
    }
  }

  function unexpected(error: unknown): Reply {
    // A bug in the emulator must be visible even when quiet, and must not look like a dropped connection.
    console.error("atlas emulator: unexpected error", error);
    return formatAtlasReply(atlasError("UNEXPECTED_ERROR"), PLAIN);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const target = req.url ?? "/";
    const url = new URL(target, "http://emulator.invalid");
    const method = (req.method ?? "GET").toUpperCase();

    if (isControlPath(url.pathname)) {
      if (!isLoopback(req.socket.remoteAddress)) {
        writeReply(res, jsonReply(403, { error: "the control API answers local clients only" }));
        return;
      }
      const body = await readBody(req, BODY_LIMIT_BYTES).catch(() => "");
      writeReply(
        res,
        handleControlCall(state, { method, target, url, headers: req.headers, body }, { onReset: release }),
      );
      return;
    }

    const seq = state.log.nextSeq();
    const arrivedAt = state.now();
    let result: { outcome: Outcome; fault?: PendingFault };
    try {
      const body = await readBody(req, BODY_LIMIT_BYTES);
      result = await serve({ method, target, url, headers: req.headers, body }, res, seq);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      const tooLarge = atlasError("PAYLOAD_TOO_LARGE", [], { status: 413, detail: error.message });
      result = { outcome: { kind: "reply", reply: formatAtlasReply(tooLarge, PLAIN) } };
    }

    const { outcome, fault } = result;
    let status = 0;
    if (outcome.kind === "reply") {
      writeReply(res, outcome.reply);
      status = outcome.reply.status;
    } else if (outcome.kind === "drop") {
      req.socket.destroy();
    } else if (outcome.kind === "hang") {
      held.add(res);
      res.on("close", () => held.delete(res));
    }

    state.lateWrites.answered(seq);
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    const faultLabel = fault === undefined ? undefined : `${fault.id} ${faultKind(fault)}`;
    const projectId = /\/groups\/([^/]+)/.exec(url.pathname)?.[1];
    state.log.add({
      seq,
      method,
      path: target,
      status,
      auth: authScheme(req.headers.authorization),
      time: new Date(arrivedAt).toISOString(),
      durationMs,
      ...(faultLabel === undefined ? {} : { fault: faultLabel }),
      ...(projectId === undefined ? {} : { projectId }),
    });
    if (!options.quiet) {
      const fate = status === 0 ? "no answer" : String(status);
      options.logger(
        `${method} ${target} → ${fate} ${durationMs}ms${faultLabel === undefined ? "" : ` [${faultLabel}]`}`,
      );
    }
  }

  function release(): void {
    for (const res of held) res.socket?.destroy();
    held.clear();
    for (const [timer, resolve] of delays) {
      clearTimeout(timer);
      resolve();
    }
    delays.clear();
  }

  return {
    handle(req, res) {
      handle(req, res).catch((error: unknown) => {
        console.error("atlas emulator: request failed", error);
        if (!res.headersSent) writeReply(res, formatAtlasReply(atlasError("UNEXPECTED_ERROR"), PLAIN));
      });
    },
    release,
  };
}

/** True once the client can no longer be answered (its connection closed, perhaps by `release`). */
function isGone(res: ServerResponse): boolean {
  return res.destroyed || (res.socket?.destroyed ?? true);
}

/** True for loopback peers, IPv4 (127/8), IPv6 (`::1`) and IPv4-mapped IPv6. */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice("::ffff:".length) : address;
  return v4.startsWith("127.") || address === "::1";
}
