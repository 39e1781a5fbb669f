import { untilDeadline, type OperationContext } from "../context/operation-context";
import { timeoutMs } from "../lifecycle/timeouts";
import { finishRegistration } from "./finish";
import type { ProviderInputs } from "./inputs";
import type { RegistrationOutputs } from "./outputs";
import { refOf } from "./refs";
import { register } from "./register";
import { untilServiceAccepts } from "./service-accepts";
import { refuseGcpShape } from "./gcp-shape";

/**
 * Registers the cloud endpoint and waits until it is `AVAILABLE`. Waits first until the service can accept endpoints,
 * and refuses a GCP shape the service cannot take. Once the POST may have reached Atlas, no failure loses the
 * registration: every later error is a {@link PartialCreateError}, so the engine records it and the next `up` resumes
 * it (or replaces a rejected one). `ours`: this registration was POSTed before by this resource without Atlas ever
 * confirming it, so one Atlas already has is taken back without `adoptExisting`.
 */
export async function createRegistration(
  context: OperationContext,
  inputs: ProviderInputs,
  ours = false,
): Promise<{ id: string; outs: RegistrationOutputs }> {
  const deadlineAtMs = context.clock.now() + timeoutMs(inputs, "create");
  context = untilDeadline(context, deadlineAtMs);
  const ref = refOf(inputs);
  const service = await untilServiceAccepts(context, inputs, ref, deadlineAtMs);
  refuseGcpShape(inputs, service);
  const { registration, acceptedAtMs } = await register(context, inputs, ref, deadlineAtMs, ours);
  return finishRegistration(context, inputs, registration, acceptedAtMs, deadlineAtMs);
}
