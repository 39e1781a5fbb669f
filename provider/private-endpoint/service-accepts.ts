import type { AtlasEndpointService } from "../atlas/types";
import { FAILED_STATUS, isReadyStatus } from "../lifecycle/service-status";
import type { OperationContext } from "../context/operation-context";
import { isGone } from "../lifecycle/read-or-gone";
import { sentence } from "../lifecycle/text";
import type { WaitDeadline } from "../lifecycle/timeouts";
import { registrationPollSchedule } from "../wait/schedule";
import type { RegistrationRef } from "./refs";
import { waitUntilServiceAccepts } from "./waits";

/**
 * Waits until the service can take endpoints, and answers it as it is then; nothing is registered yet, so failures here
 * are plain errors.
 */
export async function untilServiceAccepts(
  context: OperationContext,
  ref: RegistrationRef,
  deadline: WaitDeadline,
): Promise<AtlasEndpointService> {
  let service;
  try {
    service = await context.client.getEndpointService(ref.projectId, ref.provider, ref.serviceId);
  } catch (error) {
    if (isGone(error)) {
      throw new Error(
        `Endpoint service ${ref.serviceId} (privateLinkId) does not exist in project ${ref.projectId} for ${ref.provider}: Atlas answered ${String(error.status)} ${String(error.errorCode)}. Set privateLinkId to the PrivateEndpointService's privateLinkId; nothing was registered.`,
      );
    }
    throw error;
  }
  if (isReadyStatus(service.status)) return service;
  if (service.status === FAILED_STATUS) throw serviceFailed(ref, service.errorMessage);
  context.log(`endpoint service ${ref.serviceId} is ${String(service.status)}; waiting until it can accept endpoints`);
  const result = await waitUntilServiceAccepts(context, ref, {
    startedAtMs: context.clock.now(),
    deadlineAtMs: deadline.deadlineAtMs,
    schedule: registrationPollSchedule(),
  });
  if (result.outcome === "success") return result.value;
  if (result.outcome === "failure") throw serviceFailed(ref, result.reason);
  throw new Error(
    `Endpoint service ${ref.serviceId} could not accept endpoints within ${deadline.text}; last status ${String(result.lastValue?.status ?? "unknown")}. Nothing was registered; run pulumi up again (or raise timeouts.create).`,
  );
}

function serviceFailed(ref: RegistrationRef, reason: string | null): Error {
  return new Error(
    `Endpoint service ${ref.serviceId} is FAILED${reason === null ? "" : `: ${sentence(reason)}`} It cannot accept endpoints; nothing was registered. Replace the service, then run pulumi up again.`,
  );
}
