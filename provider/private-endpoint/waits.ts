import type { AtlasEndpointService, AtlasRegistration } from "../atlas/types";
import type { OperationContext } from "../context/operation-context";
import { serviceVerdict } from "../lifecycle/service-status";
import { waitForVerdict, waitUntilGone, type StatusVerdict } from "../lifecycle/waiting";
import type { PollResult, WaitWindow } from "../wait/poller";
import type { RegistrationRef } from "./refs";
import { isUnknownStatus, judge, viewOf } from "./status";

/** A registration's statuses as a verdict (GCP without port mapping: the group and every endpoint). */
function registrationVerdict(registration: AtlasRegistration): StatusVerdict {
  const verdict = judge(viewOf(registration));
  if (verdict.kind !== "pending" || !isUnknownStatus(verdict.status)) return verdict;
  return { kind: "pending", unknown: String(verdict.status) };
}

/**
 * Polls the registration until it is `AVAILABLE`, or `REJECTED`/`FAILED` (a failure carrying Atlas' `errorMessage`),
 * waiting out transient errors. Other statuses, known or not, are pending; an unknown one is logged once. A 404 is not
 * transient: it is thrown.
 */
export function waitUntilAvailable(
  context: OperationContext,
  ref: RegistrationRef,
  window: WaitWindow,
): Promise<PollResult<AtlasRegistration>> {
  const observe = () => context.client.getRegistration(ref.projectId, ref.provider, ref.serviceId, ref.endpointId);
  return waitForVerdict(context, window, observe, registrationVerdict);
}

/** Polls until Atlas answers 404 for the registration, waiting out transient errors. */
export function waitUntilRegistrationGone(
  context: OperationContext,
  ref: RegistrationRef,
  window: WaitWindow,
): Promise<PollResult<AtlasRegistration | undefined>> {
  const observe = () => context.client.getRegistration(ref.projectId, ref.provider, ref.serviceId, ref.endpointId);
  return waitUntilGone(context, window, observe);
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
