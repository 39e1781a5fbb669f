import { isAtlasApiError } from "../atlas/errors";
import type { ProviderName } from "../../regions/regions";
import type { AtlasEndpointService } from "../atlas/types";
import type { OperationContext } from "../context/operation-context";
import { pollWithin, waitProgress } from "../lifecycle/waiting";
import { FAILED_STATUS, isReadyStatus, isUnknownStatus } from "../atlas/service-status";
import type { PollResult, WaitWindow } from "../wait/poller";

/** Which service a wait watches. */
export interface ServiceRef {
  readonly projectId: string;
  readonly provider: ProviderName;
  readonly id: string;
}

/**
 * Polls until the service is ready (`AVAILABLE` or `WAITING_FOR_USER`) or `FAILED`, waiting out transient errors.
 * A status this provider does not know is logged once and treated as pending. A 404 is not transient: it is thrown.
 */
export function waitUntilReady(
  context: OperationContext,
  service: ServiceRef,
  window: WaitWindow,
): Promise<PollResult<AtlasEndpointService>> {
  const progress = waitProgress(context, service.id);
  return pollWithin<AtlasEndpointService>(
    context,
    window,
    async () => {
      const current = await context.client.readEndpointServiceForWait(service.projectId, service.provider, service.id);
      if (isReadyStatus(current.status)) return { state: "success", value: current };
      if (current.status === FAILED_STATUS) {
        return {
          state: "failure",
          value: current,
          reason: current.errorMessage ?? "Atlas reported FAILED without a message",
        };
      }
      if (isUnknownStatus(current.status)) progress.unknownStatus(String(current.status));
      return { state: "retry", value: current };
    },
    progress,
  );
}

/** Polls until Atlas answers 404 for the service (gone), or the service shows `FAILED`, waiting out transient errors. */
export function waitUntilGone(
  context: OperationContext,
  service: ServiceRef,
  window: WaitWindow,
): Promise<PollResult<AtlasEndpointService | undefined>> {
  return pollWithin<AtlasEndpointService | undefined>(context, window, async () => {
    try {
      const current = await context.client.getEndpointService(service.projectId, service.provider, service.id);
      if (current.status === FAILED_STATUS) {
        return {
          state: "failure",
          value: current,
          reason: current.errorMessage ?? "Atlas reported FAILED while deleting",
        };
      }
      return { state: "retry", value: current };
    } catch (error) {
      if (isAtlasApiError(error) && error.category === "not-found") return { state: "success", value: undefined };
      throw error;
    }
  });
}
