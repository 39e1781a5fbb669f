import { untilDeadline, type OperationContext } from "../context/operation-context";
import { isGone } from "../lifecycle/read-or-gone";
import { waitLimit } from "../lifecycle/timeouts";
import { registrationPollSchedule } from "../wait/schedule";
import type { RegistrationInputs } from "./inputs";
import { refOf } from "./refs";
import { statusOf } from "./status";
import { waitUntilDeleted } from "./waits";

type DeleteInputs = Pick<
  RegistrationInputs,
  "projectId" | "providerName" | "privateLinkId" | "endpointServiceId" | "timeouts"
>;

/**
 * Deletes the registration and waits until Atlas has deleted it (a 404, GCP's `DELETED`, or a final status with
 * `deleteRequested`), within `timeouts.delete`. One already gone counts as deleted; a timeout is an error, and the
 * engine then keeps the resource in state.
 */
export async function deleteRegistrationAndWait(context: OperationContext, inputs: DeleteInputs): Promise<void> {
  const ref = refOf(inputs);
  const startedAtMs = context.clock.now();
  const limit = waitLimit(context, inputs, "delete");
  const deadlineAtMs = startedAtMs + limit.ms;
  context = untilDeadline(context, deadlineAtMs);
  try {
    await context.client.deleteRegistration(ref.projectId, ref.provider, ref.serviceId, ref.endpointId);
  } catch (error) {
    if (isGone(error)) {
      context.log(`the registration is already gone (${String(error.errorCode)})`);
      return;
    }
    throw error;
  }
  const result = await waitUntilDeleted(context, ref, {
    startedAtMs,
    deadlineAtMs,
    schedule: registrationPollSchedule(),
  });
  if (result.outcome === "success") {
    context.log(`deleted from endpoint service ${ref.serviceId}`);
    return;
  }
  const last = result.outcome === "failure" ? result.value : result.lastValue;
  const status = last === undefined ? "present" : String(statusOf(ref.provider, last));
  throw new Error(
    `The registration of ${ref.endpointId} with endpoint service ${ref.serviceId} was still ${status} when ${limit.text} ran out. It stays in state; run the command again to keep waiting, or raise timeouts.delete.`,
  );
}
