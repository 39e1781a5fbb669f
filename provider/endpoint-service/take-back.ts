import type { AtlasEndpointService } from "../atlas/types";
import type { OperationContext } from "../context/operation-context";
import type { ServiceInputs } from "./inputs";
import { atlasRegionOf } from "./refs";

/** What a create of these inputs fills in Atlas (one service per project, provider and region): its journal slot. */
export function serviceSlot(inputs: Pick<ServiceInputs, "projectId" | "providerName" | "region">): string {
  return `PrivateEndpointService/${inputs.projectId}/${inputs.providerName}/${atlasRegionOf(inputs)}`;
}

/** How far this machine's clock and Atlas' may disagree when a POST's time is compared with an id's. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Whether `existing`, found in the slot a create is about to fill, is the service an earlier create of this stack
 * made before it was interrupted (so the engine never recorded it): the journal holds a POST for this slot, and either
 * Atlas answered it with this id, or the answer never arrived and the id's ObjectId time is not before that POST. The
 * one place that rule lives.
 */
export async function takenBack(
  context: OperationContext,
  slot: string,
  existing: AtlasEndpointService,
): Promise<boolean> {
  const record = await context.journal?.find(slot);
  if (record === undefined) return false;
  const ours =
    record.id !== undefined
      ? record.id === existing.id
      : objectIdTimeMs(existing.id) >= record.postedAtMs - CLOCK_SKEW_MS;
  if (ours) {
    context.log(
      `taking back endpoint service ${existing.id}: a create of this stack sent at ${new Date(record.postedAtMs).toISOString()} made it and was interrupted before Pulumi recorded it`,
    );
  }
  return ours;
}

/** The creation time in an ObjectId (its first 4 bytes: seconds since the epoch); 0 for an id that is not one. */
function objectIdTimeMs(id: string): number {
  return /^[0-9a-f]{24}$/i.test(id) ? parseInt(id.slice(0, 8), 16) * 1000 : 0;
}
