import { untilDeadline, type OperationContext } from "../context/operation-context";
import { waitLimit } from "../lifecycle/timeouts";
import { isWaitCancelled } from "../wait/cancelled";
import { finishRegistration } from "./finish";
import { refuseGcpShape } from "./gcp-shape";
import type { ProviderInputs } from "./inputs";
import type { RegistrationOutputs } from "./outputs";
import { refOf } from "./refs";
import { register } from "./register";
import { untilServiceAccepts } from "./service-accepts";
import { registrationSlot } from "./take-back";

/**
 * Registers the cloud endpoint and waits until it is `AVAILABLE`. Waits first until the service can accept endpoints,
 * and refuses a GCP shape the service cannot take. Once the POST may have reached Atlas, no failure loses the
 * registration: every later error is a {@link PartialCreateError}, so the engine records it and the next `up` resumes
 * it (or replaces a rejected one). A cancelled run ends the waits at once; the journal notes the POST until the engine
 * has the outcome. `ours`: this registration was POSTed before by this resource without Atlas ever confirming it, so
 * one Atlas already has is taken back without `adoptExisting`.
 */
export async function createRegistration(
  context: OperationContext,
  inputs: ProviderInputs,
  ours = false,
): Promise<{ id: string; outs: RegistrationOutputs }> {
  const limit = waitLimit(context, inputs, "create");
  const deadline = { ...limit, deadlineAtMs: context.clock.now() + limit.ms };
  context = untilDeadline(context, deadline.deadlineAtMs);
  const ref = refOf(inputs);
  const slot = registrationSlot(ref);
  try {
    let registered;
    try {
      const service = await untilServiceAccepts(context, ref, deadline);
      refuseGcpShape(inputs, service);
      registered = await register(context, inputs, ref, deadline, ours);
    } catch (error) {
      if (!isWaitCancelled(error)) throw error;
      throw new Error(
        `Pulumi was cancelled before ${ref.endpointId} was registered with endpoint service ${ref.serviceId}; nothing was registered. Run pulumi up again.`,
      );
    }
    return await finishRegistration(context, inputs, registered.registration, registered.acceptedAtMs, deadline);
  } finally {
    // A cancelled create keeps its record: the engine may never receive the partial create.
    if (context.signal?.aborted !== true) await context.journal?.forget(slot);
  }
}
