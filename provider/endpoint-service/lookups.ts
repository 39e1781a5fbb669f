import type { ProviderName } from "../../regions/regions";
import type { AtlasClient } from "../atlas/client";
import type { AtlasEndpointService } from "../atlas/types";
import type { LookupDescription, PropertySpec } from "../lifecycle/description";
import { lookupClient, lookupProvider, type LookupOptions } from "../lifecycle/lookup-client";
import { outputsFrom, type ServiceOutputs } from "./outputs";
import { endpointServiceSchema } from "./schema";

/** What the lookups return: the service's outputs, as the resource has them, with its project and provider. */
export type PrivateEndpointServiceInfo = Omit<
  ServiceOutputs,
  | "region"
  | "timeouts"
  | "adoptExisting"
  | "deleteOnCreateTimeout"
  | "resourceName"
  | "unfinishedCreate"
  | "unconfirmedCreate"
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

/** Reads one endpoint service (the official provider's `getPrivateLinkEndpoint` data source). */
export async function getPrivateEndpointService(
  args: GetPrivateEndpointServiceArgs,
  options?: LookupOptions,
): Promise<PrivateEndpointServiceInfo> {
  return getService(lookupClient(options), args);
}

/** Lists a project's endpoint services of one provider. */
export async function listPrivateEndpointServices(
  args: ListPrivateEndpointServicesArgs,
  options?: LookupOptions,
): Promise<PrivateEndpointServiceInfo[]> {
  return (await listServices(lookupClient(options), args)).services;
}

async function getService(
  client: AtlasClient,
  args: GetPrivateEndpointServiceArgs,
): Promise<PrivateEndpointServiceInfo> {
  const provider = lookupProvider(args.providerName);
  return infoOf(
    args.projectId,
    provider,
    await client.getEndpointService(args.projectId, provider, args.privateLinkId),
  );
}

async function listServices(
  client: AtlasClient,
  args: ListPrivateEndpointServicesArgs,
): Promise<{ services: PrivateEndpointServiceInfo[] }> {
  const provider = lookupProvider(args.providerName);
  const services = await client.listEndpointServices(args.projectId, provider);
  return { services: services.map((service) => infoOf(args.projectId, provider, service)) };
}

/** The lookups' answer, under the provider asked for (an answer may lack `cloudProvider`). */
function infoOf(projectId: string, provider: ProviderName, service: AtlasEndpointService): PrivateEndpointServiceInfo {
  const {
    region: _region,
    unfinishedCreate: _unfinished,
    unconfirmedCreate: _unconfirmed,
    ...info
  } = outputsFrom({ projectId, providerName: provider, region: service.regionName ?? "" }, service);
  return info;
}

const PROJECT_ID: PropertySpec = { type: "string", required: true, description: "The Atlas project (24 hex digits)." };
const PROVIDER_NAME: PropertySpec = { type: "string", required: true, description: "AWS, AZURE or GCP (any case)." };

// A lookup has no create: the schema leaves out the create's marks, as the lookups' answers do.
const {
  unfinishedCreate: _unfinished,
  unconfirmedCreate: _unconfirmed,
  ...SERVICE_OUTPUTS
} = endpointServiceSchema.outputs;

/** A service as the lookups describe it: its project and provider, then the resource's outputs. */
const SERVICE_INFO: Readonly<Record<string, PropertySpec>> = {
  projectId: PROJECT_ID,
  providerName: { type: "string", required: true, description: "AWS, AZURE or GCP." },
  ...SERVICE_OUTPUTS,
};

/** {@link getPrivateEndpointService}, described for the plugin's schema and `Invoke`. */
export const getServiceLookup: LookupDescription = {
  name: "getPrivateEndpointService",
  description:
    "Reads one MongoDB Atlas private endpoint service by its id (the official provider's getPrivateLinkEndpoint).",
  inputs: {
    projectId: PROJECT_ID,
    providerName: PROVIDER_NAME,
    privateLinkId: { type: "string", required: true, description: "The Atlas endpoint service id." },
  },
  outputs: SERVICE_INFO,
  types: {},
  run: (client, args) => getService(client, args as unknown as GetPrivateEndpointServiceArgs),
};

/** {@link listPrivateEndpointServices}, described for the plugin's schema and `Invoke`: the list is `services`. */
export const listServicesLookup: LookupDescription = {
  name: "listPrivateEndpointServices",
  description: "Lists a MongoDB Atlas project's private endpoint services of one provider.",
  inputs: { projectId: PROJECT_ID, providerName: PROVIDER_NAME },
  outputs: {
    services: {
      type: { object: "PrivateEndpointServiceInfo", list: true },
      required: true,
      description: "The provider's endpoint services in the project, as getPrivateEndpointService reads each.",
    },
  },
  types: {
    PrivateEndpointServiceInfo: {
      description: "A private endpoint service as the lookups read it.",
      properties: SERVICE_INFO,
    },
  },
  run: (client, args) => listServices(client, args as unknown as ListPrivateEndpointServicesArgs),
};
