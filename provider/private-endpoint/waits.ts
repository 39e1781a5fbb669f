import { isAtlasApiError } from "../atlas/errors";
import type { AtlasEndpointService, AtlasRegistration } from "../atlas/types";
import type { OperationContext } from "../context/operation-context";
import { FAILED_STATUS, isReadyStatus } from "../atlas/service-status";
import type { PollResult, WaitWindow } from "../wait/poller";
import { pollWithin, waitProgress } from "../lifecycle/waiting";
import type { RegistrationRef } from "./refs";
import { isUnknownStatus, judge, viewOf } from "./status";

/**
 * Polls the registration until it is `AVAILABLE` (GCP without port mapping: the group and every endpoint), or
 * `REJECTED`/`FAILED` (a failure carrying Atlas' `errorMessage`), waiting out transient errors. Other statuses, known or
 * not, are pending; an unknown one is logged once. A 404 is not transient: it is thrown.
 */
export function waitUntilAvailable(
  context: OperationContext,
  ref: RegistrationRef,
  window: WaitWindow,
): Promise<PollResult<AtlasRegistration>> {
  const progress = waitProgress(context);
  return pollWithin<AtlasRegistration>(
    context,
    window,
    async () => {
      const current = await context.client.getRegistration(ref.projectId, ref.provider, ref.serviceId, ref.endpointId);
      const verdict = judge(viewOf(current));
      if (verdict.kind === "ready") return { state: "success", value: current };
      if (verdict.kind === "failed") return { state: "failure", value: current, reason: verdict.reason };
      if (isUnknownStatus(verdict.status)) progress.unknownStatus(String(verdict.status));
      return { state: "retry", value: current };
    },
    progress,
  );
}

/** Polls until Atlas answers 404 for the registration, waiting out transient errors. */
export function waitUntilRegistrationGone(
  context: OperationContext,
  ref: RegistrationRef,
  window: WaitWindow,
): Promise<PollResult<AtlasRegistration | undefined>> {
  return pollWithin<AtlasRegistration | undefined>(context, window, async () => {
    try {
      const current = await context.client.getRegistration(ref.projectId, ref.provider, ref.serviceId, ref.endpointId);
      return { state: "retry", value: current };
    } catch (error) {
      if (isAtlasApiError(error) && error.category === "not-found") return { state: "success", value: undefined };
      throw error;
    }
  });
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
  return pollWithin<AtlasEndpointService>(context, window, async () => {
    const service = await context.client.getEndpointService(ref.projectId, ref.provider, ref.serviceId);
    if (isReadyStatus(service.status)) return { state: "success", value: service };
    if (service.status === FAILED_STATUS) {
      return { state: "failure", value: service, reason: service.errorMessage ?? "Atlas reported FAILED" };
    }
    return { state: "retry", value: service };
  });
}
