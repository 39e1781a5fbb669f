import { isAtlasApiError, type AtlasApiError } from "../atlas/errors";
import { isGone } from "../lifecycle/read-or-gone";
import type { AtlasEndpointService, AtlasRegistration } from "../atlas/types";
import { untilDeadline, type OperationContext } from "../context/operation-context";
import { registrationStatusOf } from "../lifecycle/registration-status";
import { sentence } from "../lifecycle/text";
import { waitLimit, type WaitLimit } from "../lifecycle/timeouts";
import { deletePollSchedule } from "../wait/schedule";
import { pollWithin } from "../lifecycle/waiting";
import type { ServiceInputs } from "./inputs";
import { refOf } from "./refs";
import { waitUntilServiceGone } from "./waits";
import { inputsOf } from "./read";
import { findUnconfirmed, serviceIdOf, storedWindow } from "./unconfirmed";

/** Atlas' answer to deleting a service that still lists registered endpoints (any 409 is looked into the same way). */
const HAS_ENDPOINTS = "CANNOT_DELETE_PRIVATELINK_WITH_ENDPOINTS";

/**
 * How long registrations may look unattended before they count as made outside the program: a destroy in which a
 * registration does not depend on its service (a hard-coded `privateLinkId`) deletes both at once, and the
 * registration's DELETE may reach Atlas a moment after the service's.
 */
const UNATTENDED_GRACE_MS = 30_000;
/** The grace under a reduced poll time scale: the engine's gap between two parallel deletes does not shrink with it. */
const MIN_UNATTENDED_GRACE_MS = 2_000;

type DeleteInputs = Pick<ServiceInputs, "projectId" | "providerName" | "timeouts">;

/**
 * Deletes a stored service: the one its id names, or for an unconfirmed create the service taken back since or, if
 * none was, the one its request made (found by region and creation time); with none, there is nothing to delete.
 */
export async function deleteService(
  context: OperationContext,
  id: string,
  props: Readonly<Record<string, unknown>>,
): Promise<void> {
  const inputs = inputsOf(props);
  let serviceId = serviceIdOf(id, props);
  if (serviceId === undefined) {
    const window = storedWindow(props);
    serviceId = window === undefined ? undefined : (await findUnconfirmed(context, inputs, window))?.id;
    if (serviceId === undefined) {
      context.log(`Atlas has no endpoint service made by the unconfirmed create request; nothing to delete`);
      return;
    }
  }
  await deleteAndWait(context, inputs, serviceId);
}

/**
 * Deletes the service and waits until Atlas answers 404 for it, within `timeouts.delete`. A service already gone
 * counts as deleted; `FAILED` or a timeout is an error, and the engine then keeps the resource in state. While its
 * registrations are being deleted (in the same `destroy`), Atlas refuses with 409 (whatever its code): that is waited
 * out; registrations that nobody is deleting, or a 409 while it lists none, make it fail after a grace.
 */
export async function deleteAndWait(context: OperationContext, inputs: DeleteInputs, id: string): Promise<void> {
  const startedAtMs = context.clock.now();
  const limit = waitLimit(context, inputs, "delete");
  const deadlineAtMs = startedAtMs + limit.ms;
  context = untilDeadline(context, deadlineAtMs);
  try {
    await context.client.deleteEndpointService(inputs.projectId, inputs.providerName, id);
  } catch (error) {
    if (isGone(error)) {
      context.log(`endpoint service ${id} is already gone`);
      return;
    }
    if (!(isAtlasApiError(error) && error.category === "conflict")) throw error;
    if (!(await deleteOnceEndpointsAreGone(context, inputs, id, deadlineAtMs, limit))) {
      context.log(`endpoint service ${id} is already gone`);
      return;
    }
  }
  const result = await waitUntilServiceGone(context, refOf(inputs, id), {
    startedAtMs,
    deadlineAtMs,
    schedule: deletePollSchedule(),
  });
  switch (result.outcome) {
    case "success":
      context.log(`endpoint service ${id} is deleted`);
      return;
    case "failure":
      throw new Error(
        `Atlas reports endpoint service ${id} FAILED while deleting: ${sentence(result.reason)} It stays in state; check it in Atlas, then run the command again.`,
      );
    case "timeout":
      throw new Error(
        `Endpoint service ${id} was still ${String(result.lastValue?.status ?? "present")} when ${limit.text} ran out. It stays in state; run the command again to keep waiting, or raise timeouts.delete.`,
      );
  }
}

/**
 * Repeats the DELETE while Atlas refuses it with a 409 and the service's registrations are all being removed (or gone
 * and still listed). Resolves true once Atlas accepted it, false when the service turned out to be gone already.
 */
async function deleteOnceEndpointsAreGone(
  context: OperationContext,
  inputs: DeleteInputs,
  id: string,
  deadlineAtMs: number,
  limit: WaitLimit,
): Promise<boolean> {
  context.log(`endpoint service ${id} still lists registered endpoints; waiting while they are deleted`);
  let lastRefusal: AtlasApiError | undefined;
  let unattendedSinceMs: number | undefined;
  const result = await pollWithin<boolean>(
    context,
    { startedAtMs: context.clock.now(), deadlineAtMs, schedule: deletePollSchedule() },
    async () => {
      try {
        await context.client.deleteEndpointService(inputs.projectId, inputs.providerName, id);
        return { state: "success", value: true };
      } catch (error) {
        if (isGone(error)) return { state: "success", value: false };
        if (!(isAtlasApiError(error) && error.category === "conflict")) throw error;
        lastRefusal = error;
        const { listed, staying } = await registrationsOn(context, inputs, id);
        // Unattended: registrations nobody is deleting, or a 409 that is not about registrations at all.
        const unexplained = listed === 0 && error.errorCode !== HAS_ENDPOINTS;
        if (staying.length === 0 && !unexplained) unattendedSinceMs = undefined;
        else unattendedSinceMs ??= context.clock.now();
        const graceMs = Math.max(UNATTENDED_GRACE_MS * context.pollTimeScale, MIN_UNATTENDED_GRACE_MS);
        if (unattendedSinceMs === undefined || context.clock.now() - unattendedSinceMs < graceMs) {
          return { state: "retry" };
        }
        return {
          state: "failure",
          value: false,
          reason:
            staying.length > 0
              ? `Endpoint service ${id} cannot be deleted: Atlas still has ${staying.length === 1 ? "a registration" : "registrations"} on it that nothing is deleting: ${staying.join(", ")}. They were made outside this Pulumi program (or by another stack): delete them (or the PrivateEndpoint resources that manage them) first, then run the command again. The service stays in state.`
              : `Endpoint service ${id} cannot be deleted: ${error.message}, although it lists no registrations. The service stays in state; check it in Atlas, then run the command again.`,
        };
      }
    },
  );
  switch (result.outcome) {
    case "success":
      return result.value;
    case "failure":
      throw new Error(result.reason);
    case "timeout":
      throw new Error(
        `Endpoint service ${id} still had registered endpoints being deleted when ${limit.text} ran out${lastRefusal === undefined ? "" : ` (${lastRefusal.message})`}. It stays in state; run the command again to keep waiting, or raise timeouts.delete.`,
      );
  }
}

/**
 * How many registrations the service lists, and those of them that are not being deleted, each as
 * "<cloud endpoint id> (<status>)".
 */
async function registrationsOn(
  context: OperationContext,
  inputs: DeleteInputs,
  id: string,
): Promise<{ listed: number; staying: string[] }> {
  let service: AtlasEndpointService;
  try {
    service = await context.client.getEndpointService(inputs.projectId, inputs.providerName, id);
  } catch (error) {
    if (isGone(error)) return { listed: 0, staying: [] };
    throw error;
  }
  const listed = [
    ...(service.interfaceEndpoints ?? []),
    ...(service.privateEndpoints ?? []),
    ...(service.endpointGroupNames ?? []),
  ];
  const staying: string[] = [];
  for (const endpointId of listed) {
    let registration: AtlasRegistration;
    try {
      registration = await context.client.getRegistration(inputs.projectId, inputs.providerName, id, endpointId);
    } catch (error) {
      // Gone already; Atlas may list it a little longer.
      if (isGone(error)) continue;
      throw error;
    }
    const status = registrationStatusOf(inputs.providerName, registration);
    if (status !== "DELETING" && status !== "DELETED" && registration.deleteRequested !== true)
      staying.push(`${endpointId} (${String(status)})`);
  }
  return { listed: listed.length, staying };
}
