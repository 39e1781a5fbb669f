import type { ProviderName } from "../../regions/regions";
import { FAILED_STATUS, serviceVerdict } from "../lifecycle/service-status";
import type { AtlasEndpointService } from "../atlas/types";
import type { OperationContext } from "../context/operation-context";
import { waitForVerdict, waitUntilGone } from "../lifecycle/waiting";
import type { PollResult, WaitWindow } from "../wait/poller";

/** Which service a wait watches. */
export interface ServiceRef {
  readonly projectId: string;
  readonly provider: ProviderName;
  readonly id: string;
}

/**
 * Polls until the service is ready or `FAILED`, waiting out transient errors. A status this provider does not know is
 * logged once and treated as pending. A 404 is not transient: it is thrown.
 */
export function waitUntilReady(
  context: OperationContext,
  service: ServiceRef,
  window: WaitWindow,
): Promise<PollResult<AtlasEndpointService>> {
  const observe = () => context.client.readEndpointServiceForWait(service.projectId, service.provider, service.id);
  return waitForVerdict(context, window, observe, serviceVerdict, service.id);
}

/** Polls until Atlas answers 404 for the service (gone), or the service shows `FAILED`, waiting out transient errors. */
export function waitUntilServiceGone(
  context: OperationContext,
  service: ServiceRef,
  window: WaitWindow,
): Promise<PollResult<AtlasEndpointService | undefined>> {
  const observe = () => context.client.getEndpointService(service.projectId, service.provider, service.id);
  return waitUntilGone(context, window, observe, (current) =>
    current.status === FAILED_STATUS ? (current.errorMessage ?? "Atlas reported FAILED while deleting") : undefined,
  );
}
