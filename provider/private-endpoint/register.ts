import { isAtlasApiError, type AtlasApiError } from "../atlas/errors";
import type { AtlasRegistration } from "../atlas/types";
import type { OperationContext } from "../context/operation-context";
import { settleAmbiguousPost } from "./ambiguous-post";
import { adoptOrRefuse, isBeingDeleted, lookUp, waitOutDeletion } from "./existing";
import type { ProviderInputs } from "./inputs";
import type { RegistrationRef } from "./refs";
import { createRequest } from "./request-body";
import { untilServiceAccepts } from "./service-accepts";
import { registrationSlot, takenBack } from "./take-back";
import type { WaitDeadline } from "../lifecycle/timeouts";
import { throwIfCancelled } from "../wait/cancelled";

/** Atlas' answer when the service cannot take endpoints yet. */
const CANNOT_ACCEPT = "PRIVATELINK_CANNOT_ACCEPT_ENDPOINTS";

/**
 * POSTs the registration. A 409 "cannot accept endpoints yet" is waited out; a 409 "already exists" is taken when it is
 * `ours` (the next try of a POST Atlas never confirmed) or adopted when asked (or refused, naming the ways out), and
 * waited out while that registration is being deleted; a POST whose outcome is unknown is settled by looking the
 * registration up by its id, which is known before the POST. A registration of this stack whose create was interrupted
 * (the journal says so) is taken back.
 */
export async function register(
  context: OperationContext,
  inputs: ProviderInputs,
  ref: RegistrationRef,
  deadline: WaitDeadline,
  ours: boolean,
): Promise<{ registration: AtlasRegistration | undefined; acceptedAtMs: number }> {
  const { client, clock } = context;
  const { deadlineAtMs } = deadline;
  const slot = registrationSlot(ref);
  const earlier = await takenBack(context, ref);
  if (earlier !== undefined) return { registration: earlier, acceptedAtMs: clock.now() };
  for (;;) {
    try {
      throwIfCancelled(context.signal);
      await context.journal?.posting(slot, Date.now());
      const registration = await client.createRegistration(
        ref.projectId,
        ref.provider,
        ref.serviceId,
        createRequest(inputs),
      );
      context.log(`Atlas accepted the registration with endpoint service ${ref.serviceId}; waiting until AVAILABLE`);
      return { registration, acceptedAtMs: clock.now() };
    } catch (error) {
      if (!isAtlasApiError(error)) throw error;
      if (error.category === "conflict" && error.errorCode === CANNOT_ACCEPT) {
        if (clock.now() >= deadlineAtMs) throw cannotAcceptInTime(ref, deadline, error);
        context.log(`endpoint service ${ref.serviceId} cannot accept endpoints yet (409 ${CANNOT_ACCEPT}); waiting`);
        await untilServiceAccepts(context, ref, deadline);
        // The service may call itself ready a moment before it takes endpoints: pause before the next POST.
        const pauseMs = Math.min(2000 * context.pollTimeScale, Math.max(0, deadlineAtMs - clock.now()));
        await clock.sleep(pauseMs);
        continue;
      }
      if (error.category === "conflict") {
        const existing = await lookUp(context, ref);
        if (existing === undefined) throw error;
        if (isBeingDeleted(ref, existing)) {
          await waitOutDeletion(context, ref, deadline, error);
          continue;
        }
        return { registration: adoptOrRefuse(context, inputs, ref, existing, error, ours), acceptedAtMs: clock.now() };
      }
      if (!error.ambiguous) throw error;
      return { registration: await settleAmbiguousPost(context, inputs, ref, error), acceptedAtMs: clock.now() };
    }
  }
}

function cannotAcceptInTime(ref: RegistrationRef, deadline: WaitDeadline, error: AtlasApiError): Error {
  return new Error(
    `Endpoint service ${ref.serviceId} still could not accept endpoints when ${deadline.text} ran out (${error.message}). Nothing was registered; run pulumi up again (or raise timeouts.create).`,
  );
}
