import type { AtlasEndpointService } from "../atlas/types";
import type { StatusVerdict } from "./waiting";

/** Statuses of an endpoint service, as both resources judge them (a registration needs its service ready). */
/** Ready: the service can take interface endpoints (`WAITING_FOR_USER` is how older AWS answers said so). */
export const READY_STATUSES: readonly string[] = ["AVAILABLE", "WAITING_FOR_USER"];
/** Documented as in progress. Any status not known at all is treated as pending too, and logged. */
export const PENDING_STATUSES: readonly string[] = ["INITIATING", "DELETING"];
/** Atlas gave up; `errorMessage` says why. */
export const FAILED_STATUS = "FAILED";

/** True for a ready status. */
export function isReadyStatus(status: unknown): boolean {
  return typeof status === "string" && READY_STATUSES.includes(status);
}

/** True for a status this provider does not know (empty, null, or new), which it waits out rather than trusts. */
export function isUnknownStatus(status: unknown): boolean {
  return (
    typeof status !== "string" ||
    !(READY_STATUSES.includes(status) || PENDING_STATUSES.includes(status) || status === FAILED_STATUS)
  );
}

/** A service's statuses as a verdict: ready (`AVAILABLE`, `WAITING_FOR_USER`), `FAILED`, or pending. */
export function serviceVerdict(service: AtlasEndpointService): StatusVerdict {
  if (isReadyStatus(service.status)) return { kind: "ready" };
  if (service.status === FAILED_STATUS) {
    return { kind: "failed", reason: service.errorMessage ?? "Atlas reported FAILED without a message" };
  }
  return isUnknownStatus(service.status) ? { kind: "pending", unknown: String(service.status) } : { kind: "pending" };
}
