import { isAtlasApiError } from "../atlas/errors";
import { toAtlasRegion } from "../../regions/regions";
import type { AtlasEndpointService, CreateEndpointServiceRequest } from "../atlas/types";
import { untilDeadline, type OperationContext } from "../context/operation-context";
import { deleteAndWait } from "./delete";
import type { ProviderInputs, ServiceInputs } from "./inputs";
import { waitLimit, type WaitDeadline } from "../lifecycle/timeouts";
import { outputsFrom, type ServiceOutputs } from "./outputs";
import { PartialCreateError } from "../lifecycle/partial-create-error";
import { isGone } from "../lifecycle/read-or-gone";
import { errorText, sentence } from "../lifecycle/text";
import { atlasRegionOf, refOf } from "./refs";
import { serviceSlot, takenBack } from "./take-back";
import { createdAtMs, madeWithin, unconfirmedCreate, type CreateWindow } from "./unconfirmed";
import { waitUntilServiceGone, waitUntilReady } from "./waits";
import { isWaitCancelled, throwIfCancelled } from "../wait/cancelled";
import { deletePollSchedule, pollScheduleFor } from "../wait/schedule";

/**
 * Creates the service and waits until it is ready. Once Atlas may hold it, no failure loses it: every later error is a
 * {@link PartialCreateError} (a POST whose outcome Atlas never confirmed included, recorded as an unconfirmed create),
 * so the engine records the service and the next `up` resumes, takes back or replaces it. A cancelled run ends the
 * wait at once, as such a partial create. The journal notes the POST until the engine has the outcome, so a run killed
 * mid-create leaves a record from which the next create takes the service back. `window`: the unconfirmed request
 * this create follows up, whose service is taken back without `adoptExisting`.
 */
export async function createService(
  context: OperationContext,
  inputs: ProviderInputs,
  window?: CreateWindow,
): Promise<{ id: string; outs: ServiceOutputs }> {
  const slot = serviceSlot(inputs);
  const limit = waitLimit(context, inputs, "create");
  const deadlineAtMs = context.clock.now() + limit.ms;
  context = untilDeadline(context, deadlineAtMs);
  const { clock } = context;
  try {
    let service;
    try {
      service = await obtainService(context, inputs, slot, deadlineAtMs, window);
    } catch (error) {
      if (!isWaitCancelled(error)) throw error;
      throw new Error(
        `Pulumi was cancelled before endpoint service ${inputs.providerName} ${atlasRegionOf(inputs)} was created; nothing was sent to Atlas. Run pulumi up again.`,
      );
    }
    // The schedule counts from Atlas' answer to the POST: by then Atlas has started provisioning, so a poll at the
    // schedule's time T cannot arrive before a service that takes exactly T is ready.
    const acceptedAtMs = clock.now();
    context.log(`Atlas accepted endpoint service ${service.id}; waiting until it is ready`);
    return await finishCreate(context, inputs, service, acceptedAtMs, { ...limit, deadlineAtMs });
  } finally {
    // A cancelled create keeps its record: the engine may never receive the partial create.
    if (context.signal?.aborted !== true) await context.journal?.forget(slot);
  }
}

/**
 * POSTs a new service, or finds the one that is already there: taken back when an earlier create of this resource made
 * it (the journal's record of an interrupted create, or the `window` of an unconfirmed request), adopted when asked,
 * refused otherwise.
 */
async function obtainService(
  context: OperationContext,
  inputs: ProviderInputs,
  slot: string,
  deadlineAtMs: number,
  window: CreateWindow | undefined,
): Promise<AtlasEndpointService> {
  const { client } = context;
  const region = atlasRegionOf(inputs);
  // What exists before the POST: lets us refuse or adopt without a doomed POST, wait out a predecessor that is still
  // being deleted (a delete-before-replace), and recognise our own service if the POST's answer gets lost.
  const before = await client.listEndpointServices(inputs.projectId, inputs.providerName);
  const existing = before.find((s) => s.regionName === region);
  if (existing !== undefined && existing.status === "DELETING") {
    context.log(`waiting for endpoint service ${existing.id} in ${region} to finish deleting before creating`);
    const gone = await waitUntilServiceGone(context, refOf(inputs, existing.id), {
      startedAtMs: context.clock.now(),
      deadlineAtMs,
      schedule: deletePollSchedule(),
    });
    if (gone.outcome !== "success") {
      throw new Error(
        `Endpoint service ${existing.id} in ${region} is still being deleted, and Atlas allows one service per region; nothing was created. Run pulumi up again once it is gone (or raise timeouts.create).`,
      );
    }
  } else if (existing !== undefined) {
    if (await takenBack(context, slot, existing)) return existing;
    return takeBackAdoptOrRefuse(context, inputs, existing, window);
  }

  throwIfCancelled(context.signal);
  const sentAtMs = context.clock.now();
  await context.journal?.posting(slot, Date.now());
  try {
    const created = await client.createEndpointService(inputs.projectId, createRequest(inputs, region));
    await context.journal?.answered(slot, created.id);
    return created;
  } catch (error) {
    if (!isAtlasApiError(error)) throw error;
    if (error.category === "conflict") {
      // Someone (an earlier request of ours, landing late?) created one between our look and our POST.
      const now = await client.listEndpointServices(inputs.projectId, inputs.providerName);
      const winner = now.find((s) => s.regionName === region);
      if (winner !== undefined) return takeBackAdoptOrRefuse(context, inputs, winner, window);
      throw error;
    }
    if (!error.ambiguous) throw error;
    context.log(
      `the create request failed without a clear answer (${error.message}); looking for the service it may have made`,
    );
    const thisRequest = { sentAtMs, failedAtMs: context.clock.now() };
    let after;
    try {
      after = await client.listEndpointServices(inputs.projectId, inputs.providerName);
    } catch (lookupError) {
      throw unconfirmedCreate(inputs, thisRequest, error, `looking for it failed too (${errorText(lookupError)})`);
    }
    const made = after.find((s) => s.regionName === region && !before.some((b) => b.id === s.id));
    if (made === undefined) {
      context.log(`Atlas lists no new endpoint service for ${region} yet; recording the request as unconfirmed`);
      throw unconfirmedCreate(inputs, thisRequest, error, "Atlas lists no new endpoint service there (yet)");
    }
    context.log(`found endpoint service ${made.id}, created by that request`);
    await context.journal?.answered(slot, made.id);
    return made;
  }
}

/**
 * A service Atlas already has in the region: the one an earlier unconfirmed request of this resource made (created
 * within its `window`) is taken back; any other is adopted with `adoptExisting`, or refused naming the ways out.
 */
function takeBackAdoptOrRefuse(
  context: OperationContext,
  inputs: ProviderInputs,
  existing: AtlasEndpointService,
  window: CreateWindow | undefined,
): AtlasEndpointService {
  if (window !== undefined && madeWithin(window, existing)) {
    context.log(`taking back endpoint service ${existing.id}, made by the earlier request Atlas never confirmed`);
    return existing;
  }
  if (inputs.adoptExisting === true) {
    context.log(`adopting the existing endpoint service ${existing.id} (adoptExisting: true)`);
    return existing;
  }
  const created = createdAtMs(existing.id);
  const notOurs =
    window === undefined || created === undefined
      ? ""
      : ` It was created ${new Date(created).toISOString()}, ${created > window.failedAtMs ? "after" : "before"} the unconfirmed request of this resource (${new Date(window.sentAtMs).toISOString()}), so it is not taken back as that request's.`;
  throw new Error(
    `An endpoint service for ${inputs.providerName} region ${existing.regionName ?? inputs.region} already exists in project ${inputs.projectId}: ${existing.id} (Atlas allows one per region; it answers 409 PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION).${notOurs} Either set adoptExisting: true on this resource to take it over, or delete ${existing.id} in Atlas and run pulumi up again.`,
  );
}

async function finishCreate(
  context: OperationContext,
  inputs: ProviderInputs,
  service: AtlasEndpointService,
  startedAtMs: number,
  limit: WaitDeadline,
): Promise<{ id: string; outs: ServiceOutputs }> {
  const { deadlineAtMs } = limit;
  const ref = refOf(inputs, service.id);
  const partial = (message: string, last: AtlasEndpointService | undefined): PartialCreateError =>
    new PartialCreateError(message, service.id, {
      ...outputsFrom(inputs, last ?? service),
      unfinishedCreate: true,
      __provider: inputs.__provider,
    });

  let result;
  try {
    result = await waitUntilReady(context, ref, {
      startedAtMs,
      deadlineAtMs,
      schedule: pollScheduleFor(inputs.providerName),
    });
  } catch (error) {
    if (isGone(error)) {
      throw new Error(
        `Endpoint service ${service.id} disappeared while it was being created (deleted outside Pulumi?); nothing remains to record. Run pulumi up again to create a new one.`,
      );
    }
    if (isWaitCancelled(error)) {
      throw partial(
        `Pulumi was cancelled while endpoint service ${service.id} was being created (last status ${String(service.status ?? "unknown")}). It is recorded in state; the next pulumi up resumes the wait without creating another.`,
        undefined,
      );
    }
    throw partial(
      `Waiting for endpoint service ${service.id} failed: ${errorText(error)}. It is recorded in state; the next pulumi up resumes the wait.`,
      undefined,
    );
  }

  switch (result.outcome) {
    case "success":
      context.log(
        `endpoint service ${service.id} is ${String(result.value.status)} after ${Math.round(result.elapsedMs / 1000)} s (${result.polls} polls)`,
      );
      return { id: service.id, outs: outputsFrom(inputs, result.value) };
    case "failure":
      throw partial(
        `Atlas reports endpoint service ${service.id} FAILED: ${sentence(result.reason)} It is recorded in state; the next pulumi up replaces it.`,
        result.value,
      );
    case "timeout": {
      const status = result.lastValue?.status ?? "unknown";
      if (inputs.deleteOnCreateTimeout === true) {
        context.log(
          `not ready within ${limit.text} (last status ${String(status)}); deleting it as deleteOnCreateTimeout asks`,
        );
        try {
          await deleteAndWait(context, inputs, service.id);
        } catch (error) {
          // The service still exists: record it rather than lose it.
          throw partial(
            `Endpoint service ${service.id} was not ready within ${limit.text}, and deleting it (deleteOnCreateTimeout: true) failed: ${errorText(error)} It is recorded in state; the next pulumi up resumes it.`,
            result.lastValue,
          );
        }
        throw new Error(
          `Endpoint service ${service.id} was not ready within ${limit.text}; it was deleted (deleteOnCreateTimeout: true). Raise timeouts.create if Atlas is slow.`,
        );
      }
      throw partial(
        `Endpoint service ${service.id} was not ready within ${limit.text}; last status ${String(status)}. It is recorded in state; the next pulumi up resumes waiting without creating another (raise timeouts.create if Atlas is slow).`,
        result.lastValue,
      );
    }
  }
}

function createRequest(inputs: ServiceInputs, region: string): CreateEndpointServiceRequest {
  return {
    providerName: inputs.providerName,
    region,
    ...(inputs.providerName === "GCP" && inputs.portMappingEnabled !== undefined
      ? { portMappingEnabled: inputs.portMappingEnabled }
      : {}),
    ...(inputs.providerName === "AWS" && inputs.supportedRemoteRegions !== undefined
      ? { supportedRemoteRegions: inputs.supportedRemoteRegions.map((r) => toAtlasRegion("AWS", r) ?? r) }
      : {}),
  };
}
