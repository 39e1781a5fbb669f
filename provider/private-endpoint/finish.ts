import type { AtlasRegistration } from "../atlas/types";
import type { OperationContext } from "../context/operation-context";
import { PartialCreateError } from "../lifecycle/partial-create-error";
import { isGone } from "../lifecycle/read-or-gone";
import { errorText, sentence } from "../lifecycle/text";
import type { WaitDeadline } from "../lifecycle/timeouts";
import { isWaitCancelled } from "../wait/cancelled";
import { registrationPollSchedule } from "../wait/schedule";
import { deleteRegistrationAndWait } from "./delete";
import type { ProviderInputs } from "./inputs";
import { outputsFrom, type RegistrationOutputs } from "./outputs";
import { refOf, registrationId } from "./refs";
import { DELETED_STATUS, statusOf } from "./status";
import { waitUntilAvailable } from "./waits";

/**
 * Waits until the registration is `AVAILABLE`. Every failure is a {@link PartialCreateError} marked as an unfinished
 * create (the registration exists), except gone (a 404 or `DELETED`: nothing to record) and `deleteOnCreateTimeout`
 * deleting it after a timeout.
 */
export async function finishRegistration(
  context: OperationContext,
  inputs: ProviderInputs,
  registration: AtlasRegistration | undefined,
  startedAtMs: number,
  deadline: WaitDeadline,
): Promise<{ id: string; outs: RegistrationOutputs }> {
  const { deadlineAtMs } = deadline;
  const ref = refOf(inputs);
  const id = registrationId(inputs);
  const what = `The registration of ${ref.endpointId} with endpoint service ${ref.serviceId}`;
  const partial = (message: string, last: AtlasRegistration | undefined): PartialCreateError =>
    new PartialCreateError(message, id, {
      ...outputsFrom(inputs, last ?? registration),
      unfinishedCreate: true,
      __provider: inputs.__provider,
    });
  const disappeared = (): Error =>
    new Error(
      `${what} disappeared while it was being created (deleted outside Pulumi?); nothing remains to record. Run pulumi up again to register it again.`,
    );

  let result;
  try {
    result = await waitUntilAvailable(context, ref, {
      startedAtMs,
      deadlineAtMs,
      schedule: registrationPollSchedule(),
    });
  } catch (error) {
    if (isGone(error)) throw disappeared();
    if (isWaitCancelled(error)) {
      throw partial(
        `Pulumi was cancelled while the registration of ${ref.endpointId} with endpoint service ${ref.serviceId} was being created. It is recorded in state; the next pulumi up resumes the wait without registering it again.`,
        undefined,
      );
    }
    throw partial(
      `Waiting for the registration of ${ref.endpointId} with endpoint service ${ref.serviceId} failed: ${errorText(error)}. It is recorded in state; the next pulumi up resumes the wait.`,
      undefined,
    );
  }

  switch (result.outcome) {
    case "success":
      context.log(`AVAILABLE after ${Math.round(result.elapsedMs / 1000)} s (${result.polls} polls)`);
      return { id, outs: outputsFrom(inputs, result.value) };
    case "failure":
      if (statusOf(ref.provider, result.value) === DELETED_STATUS) throw disappeared();
      throw partial(
        `Atlas reports the registration of ${ref.endpointId} with endpoint service ${ref.serviceId} ${String(statusOf(ref.provider, result.value))}: ${sentence(result.reason)} It is recorded in state; the next pulumi up replaces it (delete and register again, as Atlas advises). Check the cloud endpoint first.`,
        result.value,
      );
    case "timeout": {
      const limit = deadline.text;
      const status = result.lastValue === undefined ? "unknown" : String(statusOf(ref.provider, result.lastValue));
      if (inputs.deleteOnCreateTimeout === true) {
        context.log(`not AVAILABLE within ${limit} (last status ${status}); deleting it as deleteOnCreateTimeout asks`);
        try {
          await deleteRegistrationAndWait(context, inputs);
        } catch (error) {
          throw partial(
            `${what} was not AVAILABLE within ${limit}, and deleting it (deleteOnCreateTimeout: true) failed: ${errorText(error)} It is recorded in state; the next pulumi up resumes it.`,
            result.lastValue,
          );
        }
        throw new Error(
          `${what} was not AVAILABLE within ${limit}; it was deleted (deleteOnCreateTimeout: true). Raise timeouts.create if Atlas is slow.`,
        );
      }
      throw partial(
        `${what} was not AVAILABLE within ${limit}; last status ${status}. It is recorded in state; the next pulumi up resumes waiting without registering it again (raise timeouts.create if Atlas is slow).`,
        result.lastValue,
      );
    }
  }
}
