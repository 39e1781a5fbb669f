import type { ProviderName } from "../../regions/regions";
import type { AtlasEndpointService } from "../atlas/types";
import { lookupClient, lookupProvider, type LookupOptions } from "../lifecycle/lookup-client";
import { outputsFrom, type ServiceOutputs } from "./outputs";

/** What the lookups return: the service's outputs, as the resource has them, with its project and provider. */
export type PrivateEndpointServiceInfo = Omit<
  ServiceOutputs,
  "region" | "timeouts" | "adoptExisting" | "deleteOnCreateTimeout" | "resourceName"
>;

/** Arguments of {@link getPrivateEndpointService}. */
export interface GetPrivateEndpointServiceArgs {
  projectId: string;
  providerName: ProviderName;
  /** The endpoint service id. */
  privateLinkId: string;
}

/** Arguments of {@link listPrivateEndpointServices}. */
export interface ListPrivateEndpointServicesArgs {
  projectId: string;
  providerName: ProviderName;
}

function infoOf(projectId: string, service: AtlasEndpointService): PrivateEndpointServiceInfo {
  const { region: _region, ...info } = outputsFrom(
    { projectId, providerName: service.cloudProvider, region: service.regionName ?? "" },
    service,
  );
  return info;
}

/** Reads one endpoint service (the official provider's `getPrivateLinkEndpoint` data source). */
export async function getPrivateEndpointService(
  args: GetPrivateEndpointServiceArgs,
  options?: LookupOptions,
): Promise<PrivateEndpointServiceInfo> {
  const provider = lookupProvider(args.providerName);
  const service = await lookupClient(options).getEndpointService(args.projectId, provider, args.privateLinkId);
  return infoOf(args.projectId, service);
}

/** Lists a project's endpoint services of one provider. */
export async function listPrivateEndpointServices(
  args: ListPrivateEndpointServicesArgs,
  options?: LookupOptions,
): Promise<PrivateEndpointServiceInfo[]> {
  const provider = lookupProvider(args.providerName);
  const services = await lookupClient(options).listEndpointServices(args.projectId, provider);
  return services.map((service) => infoOf(args.projectId, service));
}
