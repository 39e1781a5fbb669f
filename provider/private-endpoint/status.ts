import type { ProviderName } from "../../regions/regions";
import type { AtlasGcpRegistration, AtlasRegistration } from "../atlas/types";
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
/** A GCP endpoint group that Atlas deleted (the spec lists it before the 404): gone, in every wait and read. */
export const DELETED_STATUS = "DELETED";

/** What a registration's statuses add up to. */
export type Verdict =
  | { readonly kind: "ready" }
  | { readonly kind: "failed"; readonly status: string; readonly reason: string }
  | { readonly kind: "gone" }
  | { readonly kind: "pending"; readonly status: string | null };

/** The statuses of a registration in one shape, from an Atlas answer or from stored outputs. */
export interface StatusView {
  readonly status: string | null;
  readonly errorMessage: string | null;
  /** GCP: each endpoint's name and status; empty elsewhere. */
  readonly endpoints: readonly { readonly endpointName: string | null; readonly status: string | null }[];
}

/** The status field of an Atlas answer for a registration of `provider` (see {@link registrationStatusOf}). */
export const statusOf = registrationStatusOf;

/** An Atlas answer about a registration of `provider` as a {@link StatusView}. */
export function viewOf(provider: ProviderName, registration: AtlasRegistration): StatusView {
  const endpoints = provider === "GCP" ? ((registration as AtlasGcpRegistration).endpoints ?? []) : [];
  return {
    status: statusOf(provider, registration),
    errorMessage: registration.errorMessage ?? null,
    endpoints: endpoints.map((e) => ({ endpointName: e.endpointName ?? null, status: e.status ?? null })),
  };
}

/** Judges a registration: ready, failed (with Atlas' reason), gone (`DELETED`) or still pending. */
export function judge(view: StatusView): Verdict {
  const { status } = view;
  if (status === DELETED_STATUS) return { kind: "gone" };
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

/**
 * After a DELETE: the registration counts as deleted when it is `DELETED`, or when it shows a final status (ready or
 * failed, which Atlas will not move on from by itself) with `deleteRequested: true`, Atlas having taken the request.
 */
export function isDeletedAfterRequest(provider: ProviderName, registration: AtlasRegistration): boolean {
  const verdict = judge(viewOf(provider, registration));
  if (verdict.kind === "gone") return true;
  return registration.deleteRequested === true && (verdict.kind === "ready" || verdict.kind === "failed");
}

/** True for a status this provider does not know (empty, null, or new), which it waits out rather than trusts. */
export function isUnknownStatus(status: string | null): boolean {
  return (
    status === null ||
    !(
      status === READY_STATUS ||
      status === DELETED_STATUS ||
      FAILED_STATUSES.includes(status) ||
      PENDING_STATUSES.includes(status)
    )
  );
}
