import { isAtlasApiError, type AtlasApiError } from "../atlas/errors";
import type { AtlasRegistration } from "../atlas/types";
import type { OperationContext } from "../context/operation-context";
import { registrationPollSchedule } from "../wait/schedule";
import type { WaitDeadline } from "../lifecycle/timeouts";
import type { ProviderInputs } from "./inputs";
import type { RegistrationRef } from "./refs";
import { statusOf } from "./status";
import { waitUntilRegistrationGone } from "./waits";

/** The registration, or `undefined` on a 404. */
export async function lookUp(context: OperationContext, ref: RegistrationRef): Promise<AtlasRegistration | undefined> {
  try {
    return await context.client.getRegistration(ref.projectId, ref.provider, ref.serviceId, ref.endpointId);
  } catch (error) {
    if (isAtlasApiError(error) && error.category === "not-found") return undefined;
    throw error;
  }
}

/** A registration of the same cloud endpoint that is being deleted (a delete-before-replace): wait until it is gone. */
export async function waitOutDeletion(
  context: OperationContext,
  ref: RegistrationRef,
  deadline: WaitDeadline,
  conflict: AtlasApiError,
): Promise<void> {
  context.log(`an earlier registration of ${ref.endpointId} is being deleted; waiting until it is gone`);
  const gone = await waitUntilRegistrationGone(context, ref, {
    startedAtMs: context.clock.now(),
    deadlineAtMs: deadline.deadlineAtMs,
    schedule: registrationPollSchedule(),
  });
  if (gone.outcome !== "success") {
    throw new Error(
      `An earlier registration of ${ref.endpointId} with endpoint service ${ref.serviceId} was still being deleted when ${deadline.text} ran out (${conflict.message}). Nothing was registered; run pulumi up again once it is gone.`,
    );
  }
}

export function adoptOrRefuse(
  context: OperationContext,
  inputs: ProviderInputs,
  ref: RegistrationRef,
  existing: AtlasRegistration,
  conflict: AtlasApiError,
): AtlasRegistration {
  if (inputs.adoptExisting === true) {
    context.log(`adopting the existing registration (adoptExisting: true); it is ${String(statusOf(existing))}`);
    return existing;
  }
  throw new Error(
    `${ref.endpointId} is already registered with endpoint service ${ref.serviceId} (Atlas answered ${String(conflict.status)} ${String(conflict.errorCode)}; status ${String(statusOf(existing))}). Either set adoptExisting: true on this resource to take it over, or delete that registration in Atlas and run pulumi up again.`,
  );
}
