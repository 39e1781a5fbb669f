import type { AtlasApiError } from "../atlas/errors";
import type { AtlasRegistration } from "../atlas/types";
import type { OperationContext } from "../context/operation-context";
import { isGone } from "../lifecycle/read-or-gone";
import { registrationPollSchedule } from "../wait/schedule";
import type { WaitDeadline } from "../lifecycle/timeouts";
import type { ProviderInputs } from "./inputs";
import type { RegistrationRef } from "./refs";
import { DELETED_STATUS, statusOf } from "./status";
import { waitUntilRegistrationGone } from "./waits";

/** The registration, or `undefined` when Atlas says it is gone. */
export async function lookUp(context: OperationContext, ref: RegistrationRef): Promise<AtlasRegistration | undefined> {
  try {
    return await context.client.getRegistration(ref.projectId, ref.provider, ref.serviceId, ref.endpointId);
  } catch (error) {
    if (isGone(error)) return undefined;
    throw error;
  }
}

/** True for a registration on its way out: `DELETING`, `DELETED`, or with its delete requested. */
export function isBeingDeleted(ref: RegistrationRef, registration: AtlasRegistration): boolean {
  const status = statusOf(ref.provider, registration);
  return status === "DELETING" || status === DELETED_STATUS || registration.deleteRequested === true;
}

/**
 * A registration of the same cloud endpoint that is being deleted (a delete-before-replace): wait until it answers 404,
 * so the next POST can register it again.
 */
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

/**
 * A registration Atlas already has for this cloud endpoint and service: taken when it is ours (`ours`: an earlier
 * POST of this resource whose outcome Atlas never confirmed) or when `adoptExisting` asks; otherwise refused, naming
 * the ways out.
 */
export function adoptOrRefuse(
  context: OperationContext,
  inputs: ProviderInputs,
  ref: RegistrationRef,
  existing: AtlasRegistration,
  conflict: AtlasApiError,
  ours: boolean,
): AtlasRegistration {
  const status = String(statusOf(ref.provider, existing));
  if (ours) {
    context.log(`Atlas has the registration the earlier unconfirmed request made; taking it back (it is ${status})`);
    return existing;
  }
  if (inputs.adoptExisting === true) {
    context.log(`adopting the existing registration (adoptExisting: true); it is ${status}`);
    return existing;
  }
  throw new Error(
    `${ref.endpointId} is already registered with endpoint service ${ref.serviceId} (Atlas answered ${String(conflict.status)} ${String(conflict.errorCode)}; status ${status}). Either set adoptExisting: true on this resource to take it over, or delete that registration in Atlas and run pulumi up again.`,
  );
}
