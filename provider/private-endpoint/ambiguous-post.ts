import type { AtlasApiError } from "../atlas/errors";
import type { AtlasRegistration } from "../atlas/types";
import type { OperationContext } from "../context/operation-context";
import { PartialCreateError } from "../lifecycle/partial-create-error";
import { errorText } from "../lifecycle/text";
import { lookUp } from "./existing";
import type { ProviderInputs } from "./inputs";
import { outputsFrom } from "./outputs";
import { registrationId, type RegistrationRef } from "./refs";

/**
 * The POST failed without a clear answer: Atlas may hold the registration. Look it up by its id; when that too fails,
 * record it (the next `up` looks again, and POSTs only after a 404).
 */
export async function settleAmbiguousPost(
  context: OperationContext,
  inputs: ProviderInputs,
  ref: RegistrationRef,
  error: AtlasApiError,
): Promise<AtlasRegistration | undefined> {
  context.log(`the create request failed without a clear answer (${error.message}); looking the registration up`);
  let found;
  try {
    found = await lookUp(context, ref);
  } catch (lookupError) {
    throw new PartialCreateError(
      `The request to register ${ref.endpointId} with endpoint service ${ref.serviceId} failed without a clear answer (${error.message}), and looking it up failed too (${errorText(lookupError)}). It is recorded in state; the next pulumi up looks again and registers it only if Atlas does not have it.`,
      registrationId(inputs),
      { ...outputsFrom(inputs, undefined), __provider: inputs.__provider },
    );
  }
  if (found === undefined) {
    context.log(`Atlas does not have it: nothing was registered, and running pulumi up again is safe`);
    throw error;
  }
  context.log(`Atlas has it: that request registered it`);
  return found;
}
