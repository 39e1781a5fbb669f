import { PROVIDER_NAMES, type ProviderName } from "../../regions/regions";
import { isAtlasApiError } from "../atlas/errors";
import type { AtlasEndpointService } from "../atlas/types";
import type { OperationContext } from "../context/operation-context";
import { registrationStatusOf } from "../lifecycle/registration-status";

/** The private endpoints of one provider region: its endpoint service (one per region) and what is registered. */
export interface RegionEndpoints {
  readonly provider: ProviderName;
  readonly regionName: string;
  readonly serviceId: string;
  /** AWS `vpce-…` ids, Azure ARM ids, GCP endpoint group names. */
  readonly endpointIds: readonly string[];
}

/** Registrations in these states do not count: they are going away, or never connected. */
const NOT_COUNTED_STATUSES: readonly string[] = ["DELETING", "DELETED", "REJECTED", "FAILED"];

/**
 * The project's endpoint layout, from one list of endpoint services per provider (three requests): each service
 * names what is registered with it. Only when that layout is one Atlas refuses to leave regional mode in are the
 * listed registrations read one by one, so that those being deleted or failed do not count (see {@link liveLayout}).
 */
export async function endpointLayout(context: OperationContext, projectId: string): Promise<RegionEndpoints[]> {
  const listed: RegionEndpoints[] = [];
  for (const provider of PROVIDER_NAMES) {
    for (const service of await context.client.listEndpointServices(projectId, provider)) {
      listed.push({
        provider,
        regionName: service.regionName ?? "?",
        serviceId: service.id,
        endpointIds: registeredWith(service),
      });
    }
  }
  return isRefusedLayout(listed) ? liveLayout(context, projectId, listed) : listed;
}

function registeredWith(service: AtlasEndpointService): string[] {
  return [
    ...(service.interfaceEndpoints ?? []),
    ...(service.privateEndpoints ?? []),
    ...(service.endpointGroupNames ?? []),
  ];
}

/** The layout without the registrations that are being deleted, have failed, or are gone already. */
async function liveLayout(
  context: OperationContext,
  projectId: string,
  layout: readonly RegionEndpoints[],
): Promise<RegionEndpoints[]> {
  const live: RegionEndpoints[] = [];
  for (const region of layout) {
    const endpointIds: string[] = [];
    for (const endpointId of region.endpointIds) {
      try {
        const registration = await context.client.getRegistration(
          projectId,
          region.provider,
          region.serviceId,
          endpointId,
        );
        const status = registrationStatusOf(registration);
        if (registration.deleteRequested !== true && !NOT_COUNTED_STATUSES.includes(String(status))) {
          endpointIds.push(endpointId);
        }
      } catch (error) {
        if (!(isAtlasApiError(error) && error.category === "not-found")) throw error;
      }
    }
    live.push({ ...region, endpointIds });
  }
  return live;
}

/**
 * The layouts Atlas refuses to turn regional mode off in (its docs): more than one endpoint in more than one region,
 * or more than one in one region and any in another. Both are "a region with several, and another with any".
 */
export function isRefusedLayout(layout: readonly RegionEndpoints[]): boolean {
  const held = layout.filter((region) => region.endpointIds.length > 0);
  return held.length > 1 && held.some((region) => region.endpointIds.length > 1);
}

/** The regions holding endpoints, as a sentence: `AWS US_EAST_1: 2 (vpce-a, vpce-b); AWS US_WEST_2: 1 (vpce-c)`. */
export function layoutText(layout: readonly RegionEndpoints[]): string {
  return layout
    .filter((region) => region.endpointIds.length > 0)
    .map((r) => `${r.provider} ${r.regionName}: ${r.endpointIds.length} (${r.endpointIds.join(", ")})`)
    .join("; ");
}
