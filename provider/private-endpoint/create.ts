import type { OperationContext } from "../context/operation-context";
import { timeoutMs } from "../lifecycle/timeouts";
import { finishRegistration } from "./finish";
import type { ProviderInputs } from "./inputs";
import type { RegistrationOutputs } from "./outputs";
import { refOf } from "./refs";
import { register } from "./register";
import { untilServiceAccepts } from "./service-accepts";

/**
 * Registers the cloud endpoint and waits until it is `AVAILABLE`. Waits first until the service can accept endpoints.
 * Once the POST may have reached Atlas, no failure loses the registration: every later error is a
 * {@link PartialCreateError}, so the engine records it and the next `up` resumes it (or replaces a rejected one).
 */
export async function createRegistration(
  context: OperationContext,
  inputs: ProviderInputs,
): Promise<{ id: string; outs: RegistrationOutputs }> {
  const deadlineAtMs = context.clock.now() + timeoutMs(inputs, "create");
  const ref = refOf(inputs);
  await untilServiceAccepts(context, inputs, ref, deadlineAtMs);
  const { registration, acceptedAtMs } = await register(context, inputs, ref, deadlineAtMs);
  return finishRegistration(context, inputs, registration, acceptedAtMs, deadlineAtMs);
}
