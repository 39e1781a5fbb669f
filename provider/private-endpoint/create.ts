import { isAtlasApiError, type AtlasApiError } from "../atlas/errors";
import type { AtlasRegistration, CreateRegistrationRequest } from "../atlas/types";
import type { OperationContext } from "../context";
import { PartialCreateError } from "../partial-create-error";
import { FAILED_STATUS, isReadyStatus } from "../service-status";
import { errorText, sentence } from "../text";
import { timeoutMs } from "../timeouts";
import { registrationPollSchedule } from "../wait/schedule";
import { deleteRegistrationAndWait } from "./delete";
import type { RegistrationInputs, RegistrationOutputs } from "./inputs";
import { outputsFrom } from "./outputs";
import { refOf, registrationId, type RegistrationRef } from "./refs";
import { statusOf } from "./status";
import { waitUntilAvailable, waitUntilRegistrationGone, waitUntilServiceAccepts } from "./waits";

/** Inputs as the plugin hands them over: with the serialized provider, which partial creates must keep. */
export type ProviderInputs = RegistrationInputs & { readonly __provider?: unknown };

/** Atlas' answer when the service cannot take endpoints yet. */
const CANNOT_ACCEPT = "PRIVATELINK_CANNOT_ACCEPT_ENDPOINTS";

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

/** Waits until the service can take endpoints; nothing is registered yet, so failures here are plain errors. */
export async function untilServiceAccepts(
  context: OperationContext,
  inputs: ProviderInputs,
  ref: RegistrationRef,
  deadlineAtMs: number,
): Promise<void> {
  let service;
  try {
    service = await context.client.getEndpointService(ref.projectId, ref.provider, ref.serviceId);
  } catch (error) {
    if (isAtlasApiError(error) && error.category === "not-found") {
      throw new Error(
        `Endpoint service ${ref.serviceId} (privateLinkId) does not exist in project ${ref.projectId} for ${ref.provider}: Atlas answered ${String(error.status)} ${String(error.errorCode)}. Set privateLinkId to the PrivateEndpointService's privateLinkId; nothing was registered.`,
      );
    }
    throw error;
  }
  if (isReadyStatus(service.status)) return;
  if (service.status === FAILED_STATUS) throw serviceFailed(ref, service.errorMessage);
  context.log(`endpoint service ${ref.serviceId} is ${String(service.status)}; waiting until it can accept endpoints`);
  const result = await waitUntilServiceAccepts(context, ref, {
    startedAtMs: context.clock.now(),
    deadlineAtMs,
    schedule: registrationPollSchedule(),
  });
  if (result.outcome === "success") return;
  if (result.outcome === "failure") throw serviceFailed(ref, result.reason);
  throw new Error(
    `Endpoint service ${ref.serviceId} could not accept endpoints within timeouts.create (${inputs.timeouts?.create ?? "60m"}); last status ${String(result.lastValue?.status ?? "unknown")}. Nothing was registered; run pulumi up again (or raise timeouts.create).`,
  );
}

function serviceFailed(ref: RegistrationRef, reason: string | null): Error {
  return new Error(
    `Endpoint service ${ref.serviceId} is FAILED${reason === null ? "" : `: ${sentence(reason)}`} It cannot accept endpoints; nothing was registered. Replace the service, then run pulumi up again.`,
  );
}

/**
 * POSTs the registration. A 409 "cannot accept endpoints yet" is waited out; a 409 "already exists" is adopted when
 * asked (or refused, naming the ways out); a POST whose outcome is unknown is settled by looking the registration up
 * by its id, which is known before the POST.
 */
async function register(
  context: OperationContext,
  inputs: ProviderInputs,
  ref: RegistrationRef,
  deadlineAtMs: number,
): Promise<{ registration: AtlasRegistration | undefined; acceptedAtMs: number }> {
  const { client, clock } = context;
  for (;;) {
    try {
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
        if (clock.now() >= deadlineAtMs) throw cannotAcceptInTime(inputs, ref, error);
        context.log(`endpoint service ${ref.serviceId} cannot accept endpoints yet (409 ${CANNOT_ACCEPT}); waiting`);
        await untilServiceAccepts(context, inputs, ref, deadlineAtMs);
        // The service may call itself ready a moment before it takes endpoints: pause before the next POST.
        const pauseMs = Math.min(2000 * context.pollTimeScale, Math.max(0, deadlineAtMs - clock.now()));
        await clock.sleep(pauseMs);
        continue;
      }
      if (error.category === "conflict") {
        const existing = await lookUp(context, ref);
        if (existing === undefined) throw error;
        if (statusOf(existing) === "DELETING") {
          await waitOutDeletion(context, inputs, ref, deadlineAtMs, error);
          continue;
        }
        return { registration: adoptOrRefuse(context, inputs, ref, existing, error), acceptedAtMs: clock.now() };
      }
      if (!error.ambiguous) throw error;
      return { registration: await settleAmbiguousPost(context, inputs, ref, error), acceptedAtMs: clock.now() };
    }
  }
}

function cannotAcceptInTime(inputs: ProviderInputs, ref: RegistrationRef, error: AtlasApiError): Error {
  return new Error(
    `Endpoint service ${ref.serviceId} still could not accept endpoints when timeouts.create (${inputs.timeouts?.create ?? "60m"}) ran out (${error.message}). Nothing was registered; run pulumi up again (or raise timeouts.create).`,
  );
}

/** The registration, or `undefined` on a 404. */
async function lookUp(context: OperationContext, ref: RegistrationRef): Promise<AtlasRegistration | undefined> {
  try {
    return await context.client.getRegistration(ref.projectId, ref.provider, ref.serviceId, ref.endpointId);
  } catch (error) {
    if (isAtlasApiError(error) && error.category === "not-found") return undefined;
    throw error;
  }
}

/** A registration of the same cloud endpoint that is being deleted (a delete-before-replace): wait until it is gone. */
async function waitOutDeletion(
  context: OperationContext,
  inputs: ProviderInputs,
  ref: RegistrationRef,
  deadlineAtMs: number,
  conflict: AtlasApiError,
): Promise<void> {
  context.log(`an earlier registration of ${ref.endpointId} is being deleted; waiting until it is gone`);
  const gone = await waitUntilRegistrationGone(context, ref, {
    startedAtMs: context.clock.now(),
    deadlineAtMs,
    schedule: registrationPollSchedule(),
  });
  if (gone.outcome !== "success") {
    throw new Error(
      `An earlier registration of ${ref.endpointId} with endpoint service ${ref.serviceId} was still being deleted when timeouts.create (${inputs.timeouts?.create ?? "60m"}) ran out (${conflict.message}). Nothing was registered; run pulumi up again once it is gone.`,
    );
  }
}

function adoptOrRefuse(
  context: OperationContext,
  inputs: ProviderInputs,
  ref: RegistrationRef,
  existing: AtlasRegistration,
  conflict: AtlasApiError,
): AtlasRegistration {
  if (inputs.adoptExisting === true) {
    context.log(`adopting the existing registration (adoptExisting: true); it is ${String(statusOf(existing))}`);
    return existing;
  }
  throw new Error(
    `${ref.endpointId} is already registered with endpoint service ${ref.serviceId} (Atlas answered ${String(conflict.status)} ${String(conflict.errorCode)}; status ${String(statusOf(existing))}). Either set adoptExisting: true on this resource to take it over, or delete that registration in Atlas and run pulumi up again.`,
  );
}

/**
 * The POST failed without a clear answer: Atlas may hold the registration. Look it up by its id; when that too fails,
 * record it (the next `up` looks again, and POSTs only after a 404).
 */
async function settleAmbiguousPost(
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

/**
 * Waits until the registration is `AVAILABLE`. Every failure is a {@link PartialCreateError} (the registration exists),
 * except a 404 (nothing to record) and `deleteOnCreateTimeout` deleting it after a timeout.
 */
export async function finishRegistration(
  context: OperationContext,
  inputs: ProviderInputs,
  registration: AtlasRegistration | undefined,
  startedAtMs: number,
  deadlineAtMs: number,
): Promise<{ id: string; outs: RegistrationOutputs }> {
  const ref = refOf(inputs);
  const id = registrationId(inputs);
  const what = `The registration of ${ref.endpointId} with endpoint service ${ref.serviceId}`;
  const partial = (message: string, last: AtlasRegistration | undefined): PartialCreateError =>
    new PartialCreateError(message, id, {
      ...outputsFrom(inputs, last ?? registration),
      __provider: inputs.__provider,
    });

  let result;
  try {
    result = await waitUntilAvailable(context, ref, {
      startedAtMs,
      deadlineAtMs,
      schedule: registrationPollSchedule(),
    });
  } catch (error) {
    if (isAtlasApiError(error) && error.category === "not-found") {
      throw new Error(
        `${what} disappeared while it was being created (deleted outside Pulumi?); nothing remains to record. Run pulumi up again to register it again.`,
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
      throw partial(
        `Atlas reports the registration of ${ref.endpointId} with endpoint service ${ref.serviceId} ${String(statusOf(result.value))}: ${sentence(result.reason)} It is recorded in state; the next pulumi up replaces it (delete and register again, as Atlas advises). Check the cloud endpoint first.`,
        result.value,
      );
    case "timeout": {
      const limit = inputs.timeouts?.create ?? "60m";
      const status = result.lastValue === undefined ? "unknown" : String(statusOf(result.lastValue));
      if (inputs.deleteOnCreateTimeout === true) {
        context.log(`not AVAILABLE within ${limit} (last status ${status}); deleting it as deleteOnCreateTimeout asks`);
        try {
          await deleteRegistrationAndWait(context, inputs);
        } catch (error) {
          throw partial(
            `${what} was not AVAILABLE within timeouts.create (${limit}), and deleting it (deleteOnCreateTimeout: true) failed: ${errorText(error)} It is recorded in state; the next pulumi up resumes it.`,
            result.lastValue,
          );
        }
        throw new Error(
          `${what} was not AVAILABLE within timeouts.create (${limit}); it was deleted (deleteOnCreateTimeout: true). Raise timeouts.create if Atlas is slow.`,
        );
      }
      throw partial(
        `${what} was not AVAILABLE within timeouts.create (${limit}); last status ${status}. It is recorded in state; the next pulumi up resumes waiting without registering it again (raise timeouts.create if Atlas is slow).`,
        result.lastValue,
      );
    }
  }
}

/** The body for the inputs' cloud; the cloud itself goes in the path. */
export function createRequest(inputs: RegistrationInputs): CreateRegistrationRequest {
  switch (inputs.providerName) {
    case "AWS":
      return { id: inputs.endpointServiceId };
    case "AZURE":
      return { id: inputs.endpointServiceId, privateEndpointIPAddress: inputs.privateEndpointIpAddress ?? "" };
    case "GCP":
      return {
        endpointGroupName: inputs.endpointServiceId,
        gcpProjectId: inputs.gcpProjectId ?? "",
        // With port mapping the one endpoint is the forwarding rule itself, named as the group (as Atlas expects).
        endpoints:
          inputs.privateEndpointIpAddress !== undefined
            ? [{ endpointName: inputs.endpointServiceId, ipAddress: inputs.privateEndpointIpAddress }]
            : (inputs.endpoints ?? []).map((e) => ({ endpointName: e.endpointName, ipAddress: e.ipAddress })),
      };
  }
}
