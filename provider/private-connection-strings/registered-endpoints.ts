import { isProviderName, type ProviderName } from "../../regions/regions";
import type { AtlasClient } from "../atlas/client";
import type { AtlasEndpointService } from "../atlas/types";
import { endpointIdProvider } from "../lifecycle/endpoint-ids";
import { clusterRegionsOf } from "./entry";
import type { AtlasCluster } from "../atlas/types";

/** A cloud endpoint registered with one of the project's endpoint services, and where that service is. */
export interface RegisteredEndpoint {
  readonly endpointId: string;
  readonly providerName: ProviderName;
  /** The service's region, Atlas spelling. */
  readonly region: string;
}

/**
 * Where the project's cloud endpoints are registered: every id its endpoint services list, with the service's region.
 * One request per cloud that the cluster has nodes in or that one of `endpointIds` belongs to (the cluster's answer
 * says which region an endpoint is in only once Atlas lists it in an entry). A registration's own status is not read:
 * "registered" here means Atlas holds it, linked or not.
 */
export async function registeredEndpoints(
  client: AtlasClient,
  projectId: string,
  cluster: AtlasCluster,
  endpointIds: readonly string[],
): Promise<RegisteredEndpoint[]> {
  const providers = new Set<ProviderName>();
  for (const { providerName } of clusterRegionsOf(cluster))
    if (isProviderName(providerName)) providers.add(providerName);
  for (const id of endpointIds) {
    const provider = endpointIdProvider(id);
    if (provider !== undefined) providers.add(provider);
  }
  const lists = await Promise.all(
    [...providers].map(async (provider) => ({
      provider,
      services: await client.listEndpointServices(projectId, provider),
    })),
  );
  return lists.flatMap(({ provider, services }) =>
    services.flatMap((service) =>
      registeredIds(service).map((endpointId) => ({
        endpointId,
        providerName: provider,
        region: service.regionName ?? "",
      })),
    ),
  );
}

/** The cloud endpoint ids a service lists, whatever its cloud. */
function registeredIds(service: AtlasEndpointService): readonly string[] {
  return [
    ...(service.interfaceEndpoints ?? []),
    ...(service.privateEndpoints ?? []),
    ...(service.endpointGroupNames ?? []),
  ];
}
