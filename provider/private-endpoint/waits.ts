import type { AtlasEndpointService, AtlasRegistration } from "../atlas/types";
import type { OperationContext } from "../context/operation-context";
import { serviceVerdict } from "../lifecycle/service-status";
import { waitForVerdict, waitUntilGone, type StatusVerdict } from "../lifecycle/waiting";
import type { PollResult, WaitWindow } from "../wait/poller";
import type { RegistrationRef } from "./refs";
import { DELETED_STATUS, isDeletedAfterRequest, isUnknownStatus, judge, viewOf } from "./status";

/**
 * A registration's statuses as a verdict (GCP without port mapping: the group and every endpoint). `DELETED` ends the
 * wait as a failure whose reason says so: the caller treats it as gone.
 */
function registrationVerdict(ref: RegistrationRef, registration: AtlasRegistration): StatusVerdict {
  const verdict = judge(viewOf(ref.provider, registration));
  if (verdict.kind === "gone") return { kind: "failed", reason: `Atlas reports it ${DELETED_STATUS}` };
  if (verdict.kind !== "pending" || !isUnknownStatus(verdict.status)) return verdict;
  return { kind: "pending", unknown: String(verdict.status) };
}

const observeRegistration = (context: OperationContext, ref: RegistrationRef) => () =>
  context.client.getRegistration(ref.projectId, ref.provider, ref.serviceId, ref.endpointId);

/**
 * Polls the registration until it is `AVAILABLE`, or `REJECTED`/`FAILED` (a failure carrying Atlas' `errorMessage`),
 * or `DELETED` (a failure, gone), waiting out transient errors. Other statuses, known or not, are pending; an unknown
 * one is logged once. A 404 is not transient: it is thrown.
 */
export function waitUntilAvailable(
  context: OperationContext,
  ref: RegistrationRef,
  window: WaitWindow,
): Promise<PollResult<AtlasRegistration>> {
  return waitForVerdict(context, window, observeRegistration(context, ref), (registration) =>
    registrationVerdict(ref, registration),
  );
}

/** Polls until Atlas answers that the registration is gone (a 404), waiting out transient errors. */
export function waitUntilRegistrationGone(
  context: OperationContext,
  ref: RegistrationRef,
  window: WaitWindow,
): Promise<PollResult<AtlasRegistration | undefined>> {
  return waitUntilGone(context, window, observeRegistration(context, ref));
}

/**
 * After a DELETE: polls until the registration is gone, `DELETED`, or final with `deleteRequested` (see
 * {@link isDeletedAfterRequest}), waiting out transient errors.
 */
export function waitUntilDeleted(
  context: OperationContext,
  ref: RegistrationRef,
  window: WaitWindow,
): Promise<PollResult<AtlasRegistration | undefined>> {
  return waitUntilGone(context, window, observeRegistration(context, ref), undefined, (registration) =>
    isDeletedAfterRequest(ref.provider, registration),
  );
}

/**
 * Polls the endpoint service until it can accept endpoints (`AVAILABLE`, or `WAITING_FOR_USER`); `FAILED` is a
 * failure. Transient errors are waited out; a 404 is thrown.
 */
export function waitUntilServiceAccepts(
  context: OperationContext,
  ref: RegistrationRef,
  window: WaitWindow,
): Promise<PollResult<AtlasEndpointService>> {
  const observe = () => context.client.getEndpointService(ref.projectId, ref.provider, ref.serviceId);
  return waitForVerdict(context, window, observe, serviceVerdict, `endpoint service ${ref.serviceId}`);
}
