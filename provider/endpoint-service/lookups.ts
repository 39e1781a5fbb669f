import * as pulumi from "@pulumi/pulumi";
import { AtlasClient } from "../atlas/client";
import { isProviderName, type ProviderName } from "../atlas/regions";
import type { AtlasEndpointService } from "../atlas/types";
import { resolveConnectionSettings, type ConfigSource } from "../config";
import type { ServiceOutputs } from "./inputs";
import { outputsFrom } from "./outputs";

/** What the lookups return: the service's outputs, as the resource has them, with its project and provider. */
export type PrivateEndpointServiceInfo = Omit<
  ServiceOutputs,
  "region" | "timeouts" | "adoptExisting" | "deleteOnCreateTimeout" | "resourceName"
>;

/** Options of the lookups. */
export interface LookupOptions {
  /** Where settings come from; default: the program's stack config (`mongodbatlas:*`), then the environment. */
  config?: ConfigSource;
}

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

const programConfig: ConfigSource = { get: (key) => pulumi.runtime.getConfig(key) };

function clientFor(options: LookupOptions | undefined): AtlasClient {
  return new AtlasClient(resolveConnectionSettings(options?.config ?? programConfig));
}

function providerOf(value: string): ProviderName {
  const upper = value.toUpperCase();
  if (!isProviderName(upper)) throw new Error(`providerName "${value}" must be AWS, AZURE or GCP`);
  return upper;
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
  const provider = providerOf(args.providerName);
  const service = await clientFor(options).getEndpointService(args.projectId, provider, args.privateLinkId);
  return infoOf(args.projectId, service);
}

/** Lists a project's endpoint services of one provider. */
export async function listPrivateEndpointServices(
  args: ListPrivateEndpointServicesArgs,
  options?: LookupOptions,
): Promise<PrivateEndpointServiceInfo[]> {
  const provider = providerOf(args.providerName);
  const services = await clientFor(options).listEndpointServices(args.projectId, provider);
  return services.map((service) => infoOf(args.projectId, service));
}
