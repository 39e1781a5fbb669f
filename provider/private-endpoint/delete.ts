import { isAtlasApiError } from "../atlas/errors";
import type { OperationContext } from "../context/operation-context";
import { waitLimit } from "../lifecycle/timeouts";
import { registrationPollSchedule } from "../wait/schedule";
import type { RegistrationInputs } from "./inputs";
import { refOf } from "./refs";
import { statusOf } from "./status";
import { waitUntilRegistrationGone } from "./waits";

type DeleteInputs = Pick<
  RegistrationInputs,
  "projectId" | "providerName" | "privateLinkId" | "endpointServiceId" | "timeouts"
>;

/**
 * Deletes the registration and waits until Atlas answers 404 for it, within `timeouts.delete`. One already gone
 * counts as deleted; a timeout is an error, and the engine then keeps the resource in state.
 */
export async function deleteRegistrationAndWait(context: OperationContext, inputs: DeleteInputs): Promise<void> {
  const ref = refOf(inputs);
  const startedAtMs = context.clock.now();
  const limit = waitLimit(context, inputs, "delete");
  try {
    await context.client.deleteRegistration(ref.projectId, ref.provider, ref.serviceId, ref.endpointId);
  } catch (error) {
    if (isAtlasApiError(error) && error.category === "not-found") {
      context.log(`the registration is already gone (${String(error.errorCode ?? error.status)})`);
      return;
    }
    throw error;
  }
  const result = await waitUntilRegistrationGone(context, ref, {
    startedAtMs,
    deadlineAtMs: startedAtMs + limit.ms,
    schedule: registrationPollSchedule(),
  });
  if (result.outcome === "success") {
    context.log(`deleted from endpoint service ${ref.serviceId}`);
    return;
  }
  const last = result.outcome === "failure" ? result.value : result.lastValue;
  const status = last === undefined ? "present" : String(statusOf(last));
  throw new Error(
    `The registration of ${ref.endpointId} with endpoint service ${ref.serviceId} was still ${status} when ${limit.text} ran out. It stays in state; run the command again to keep waiting, or raise timeouts.delete.`,
  );
}
