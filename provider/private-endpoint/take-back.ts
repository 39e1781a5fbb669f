import type { AtlasRegistration } from "../atlas/types";
import type { OperationContext } from "../context/operation-context";
import { isBeingDeleted, lookUp } from "./existing";
import type { RegistrationRef } from "./refs";

/** What a create of this registration fills in Atlas (one cloud endpoint on one service): its journal slot. */
export function registrationSlot(ref: RegistrationRef): string {
  return `PrivateEndpoint/${ref.projectId}/${ref.provider}/${ref.serviceId}/${ref.endpointId}`;
}

/**
 * The registration an earlier create of this stack made before it was interrupted (so the engine never recorded it),
 * to take back instead of POSTing again; `undefined` when there is none. A registration is named by its slot, so the
 * journal's record of an earlier create of the slot and Atlas having it (not being deleted) are enough. Called before
 * this create writes its own record. The one place that rule lives.
 */
export async function takenBack(
  context: OperationContext,
  ref: RegistrationRef,
): Promise<AtlasRegistration | undefined> {
  const record = await context.journal?.find(registrationSlot(ref));
  if (record === undefined) return undefined;
  const existing = await lookUp(context, ref);
  if (existing === undefined || isBeingDeleted(ref, existing)) return undefined;
  context.log(
    `taking back the registration: a create of this stack sent at ${new Date(record.postedAtMs).toISOString()} made it and was interrupted before Pulumi recorded it`,
  );
  return existing;
}
