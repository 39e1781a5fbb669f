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
