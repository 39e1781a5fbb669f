import { atlasError, errorCodeForStatus, reasonPhrase } from "./atlas-error";
import { formatAtlasReply } from "./atlas-reply";
import type { FaultSpec } from "./fault-store";
import type { Reply } from "./http-reply";

/** What a fault does to a request, in the words of the request log. */
export type FaultKind =
  "hang" | "drop-before" | "drop-after" | "lands-late" | "act" | "html" | "status" | "delay" | "headers";

/** The kind of `fault`, by what it does first. */
export function faultKind(fault: FaultSpec): FaultKind {
  if (fault.hang === true) return "hang";
  if (fault.landsAfter !== undefined) return "lands-late";
  if (fault.drop !== undefined) return `drop-${fault.drop}`;
  if (fault.act === true) return "act";
  if (fault.html === true) return "html";
  if (answersItself(fault)) return "status";
  if (fault.delayMs !== undefined) return "delay";
  return "headers";
}

/** True when the fault sends its own answer instead of the real one. */
export function answersItself(fault: FaultSpec): boolean {
  return (
    fault.status !== undefined ||
    fault.body !== undefined ||
    fault.html === true ||
    fault.errorCode !== undefined ||
    fault.act === true
  );
}

/**
 * The answer a fault sends: an HTML proxy page, the given body (object as JSON, string as is), an Atlas error from the
 * error factory (status ≥ 400 without a body), or an empty body. `headers` override the defaults.
 */
export function faultReply(fault: FaultSpec): Reply {
  const status = fault.status ?? (fault.html === true ? 502 : 500);
  const headers = fault.headers ?? {};
  if (fault.html === true) {
    const title = `${status} ${reasonPhrase(status)}`;
    const body = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`;
    return { status, headers: { "Content-Type": "text/html", ...headers }, body };
  }
  if (typeof fault.body === "string") {
    return { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...headers }, body: fault.body };
  }
  if (fault.body !== undefined) {
    return { status, headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(fault.body) };
  }
  if (status >= 400) {
    const overrides = fault.detail === undefined ? { status } : { status, detail: fault.detail };
    const error = atlasError(fault.errorCode ?? errorCodeForStatus(status), [], overrides);
    const reply = formatAtlasReply(error, { version: "v1.0", envelope: false, pretty: false });
    return { ...reply, headers: { ...reply.headers, ...headers } };
  }
  return { status, headers, body: "" };
}
