import type { AtlasRegistration } from "../atlas/types";
import { registrationStatusOf } from "../lifecycle/registration-status";

/** The registration is connected. GCP without port mapping: the group and every endpoint must show it. */
export const READY_STATUS = "AVAILABLE";
/** Failures: AWS refused the connection (`REJECTED`) or Atlas could not accept it (`FAILED`); `errorMessage` says why. */
export const FAILED_STATUSES: readonly string[] = ["REJECTED", "FAILED"];
/** Documented as in progress. Any status not known at all is treated as pending too, and logged. */
export const PENDING_STATUSES: readonly string[] = [
  "NONE",
  "INITIATING",
  "PENDING_ACCEPTANCE",
  "PENDING",
  "VERIFIED",
  "DELETING",
];

/** What a registration's statuses add up to. */
export type Verdict =
  | { readonly kind: "ready" }
  | { readonly kind: "failed"; readonly status: string; readonly reason: string }
  | { readonly kind: "pending"; readonly status: string | null };

/** The statuses of a registration in one shape, from an Atlas answer or from stored outputs. */
export interface StatusView {
  readonly status: string | null;
  readonly errorMessage: string | null;
  /** GCP: each endpoint's name and status; empty elsewhere. */
  readonly endpoints: readonly { readonly endpointName: string | null; readonly status: string | null }[];
}

/** The status field of an Atlas answer: `connectionStatus` for AWS, `status` for Azure and GCP. */
export const statusOf = registrationStatusOf;

/** An Atlas answer as a {@link StatusView}. */
export function viewOf(registration: AtlasRegistration): StatusView {
  return {
    status: statusOf(registration),
    errorMessage: registration.errorMessage ?? null,
    endpoints:
      registration.cloudProvider === "GCP"
        ? (registration.endpoints ?? []).map((e) => ({
            endpointName: e.endpointName ?? null,
            status: e.status ?? null,
          }))
        : [],
  };
}

/** Judges a registration: ready, failed (with Atlas' reason) or still pending. */
export function judge(view: StatusView): Verdict {
  const { status } = view;
  if (status !== null && FAILED_STATUSES.includes(status)) {
    return { kind: "failed", status, reason: view.errorMessage ?? `Atlas reported ${status} without a message` };
  }
  const failedEndpoint = view.endpoints.find((e) => e.status !== null && FAILED_STATUSES.includes(e.status));
  if (failedEndpoint !== undefined) {
    return {
      kind: "failed",
      status: failedEndpoint.status ?? "FAILED",
      reason:
        view.errorMessage ??
        `Atlas reported endpoint ${String(failedEndpoint.endpointName)} ${String(failedEndpoint.status)} without a message`,
    };
  }
  if (status === READY_STATUS && view.endpoints.every((e) => e.status === READY_STATUS)) return { kind: "ready" };
  return { kind: "pending", status };
}

/** True for a status this provider does not know (empty, null, or new), which it waits out rather than trusts. */
export function isUnknownStatus(status: string | null): boolean {
  return (
    status === null ||
    !(status === READY_STATUS || FAILED_STATUSES.includes(status) || PENDING_STATUSES.includes(status))
  );
}
