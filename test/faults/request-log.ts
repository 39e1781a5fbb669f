import type { RequestLogEntry } from "../support/emulator-control";

/** Path patterns (RegExp sources, as faults take them) of the calls the provider makes. */
export const PATHS = {
  /** `POST …/privateEndpoint/endpointService` */
  create: "/privateEndpoint/endpointService$",
  /** `GET …/privateEndpoint/{provider}/endpointService` */
  list: "/privateEndpoint/(AWS|AZURE|GCP)/endpointService$",
  /** `GET`/`DELETE` `…/privateEndpoint/{provider}/endpointService/{id}` */
  service: "/endpointService/[0-9a-f]{24}$",
  /** `POST /api/oauth/token` */
  token: "^/api/oauth/token$",
} as const;

/** The log entries of `method` on paths matching `pattern` (tested on the path without the query). */
export function callsOf(log: readonly RequestLogEntry[], method: string, pattern: string): RequestLogEntry[] {
  const regex = new RegExp(pattern);
  return log.filter((r) => r.method === method && regex.test(r.path.split("?")[0] ?? ""));
}

/** The same, without digest challenges (a 401 answered to a request that carried no `Authorization`). */
export function authenticatedCallsOf(
  log: readonly RequestLogEntry[],
  method: string,
  pattern: string,
): RequestLogEntry[] {
  return callsOf(log, method, pattern).filter((r) => !(r.status === 401 && r.auth === "none"));
}

/**
 * Milliseconds between the end of `entry` (arrival plus duration, as the emulator measured it) and the arrival of
 * `next`: how long the client waited before sending again. Arrival times have millisecond resolution.
 */
export function waitBetweenMs(entry: RequestLogEntry, next: RequestLogEntry): number {
  return Date.parse(next.time) - (Date.parse(entry.time) + entry.durationMs);
}

/** The entries that a scripted fault answered (or dropped). */
export function faulted(log: readonly RequestLogEntry[]): RequestLogEntry[] {
  return log.filter((r) => r.fault !== undefined);
}
