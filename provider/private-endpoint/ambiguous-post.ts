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
 * The POST failed without a clear answer: Atlas may hold the registration, now or a moment from now (a request still
 * being carried out). Look it up by its id, known before the POST: found, the create goes on. Not found (or the look-up
 * failed too), it is recorded as an unfinished create, never dropped: the next `up` looks again, takes back what that
 * request made, and POSTs only after a 404. See docs/decisions/partial-creates.md.
 */
export async function settleAmbiguousPost(
  context: OperationContext,
  inputs: ProviderInputs,
  ref: RegistrationRef,
  error: AtlasApiError,
): Promise<AtlasRegistration> {
  context.log(`the create request failed without a clear answer (${error.message}); looking the registration up`);
  const record = (what: string): PartialCreateError =>
    new PartialCreateError(
      `The request to register ${ref.endpointId} with endpoint service ${ref.serviceId} failed without a clear answer (${error.message}), and ${what}. Atlas may still complete that request, so it is recorded in state as an unfinished create; the next pulumi up looks again, takes back what that request made, and registers it only if Atlas does not have it.`,
      registrationId(inputs),
      { ...outputsFrom(inputs, undefined), unfinishedCreate: true, __provider: inputs.__provider },
    );
  let found;
  try {
    found = await lookUp(context, ref);
  } catch (lookupError) {
    throw record(`looking it up failed too (${errorText(lookupError)})`);
  }
  if (found === undefined) throw record("Atlas does not show it (yet)");
  context.log(`Atlas has it: that request registered it`);
  return found;
}
