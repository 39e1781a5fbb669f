import type { ProviderName } from "../../regions/regions";
import type { AtlasGcpRegistration } from "../atlas/types";
import type { AtlasClient } from "../atlas/client";
import type { LookupDescription } from "../lifecycle/description";
import { lookupClient, lookupProvider, type LookupOptions } from "../lifecycle/lookup-client";
import { outputsFrom, type RegistrationOutputs } from "./outputs";
import { privateEndpointSchema } from "./schema";

/** What {@link getPrivateEndpoint} returns: the registration's outputs, as the resource has them. */
export type PrivateEndpointInfo = Omit<
  RegistrationOutputs,
  "timeouts" | "adoptExisting" | "deleteOnCreateTimeout" | "resourceName" | "gcpProjectId" | "unfinishedCreate"
>;

/** Arguments of {@link getPrivateEndpoint}; the names (and their swap) are the resource's. */
export interface GetPrivateEndpointArgs {
  projectId: string;
  providerName: ProviderName | Lowercase<ProviderName>;
  /** The Atlas endpoint service id. */
  privateLinkId: string;
  /** The cloud endpoint: AWS `vpce-…`, Azure private endpoint ARM id, GCP endpoint group or forwarding rule name. */
  endpointServiceId: string;
}

/** Reads one registration (the official provider's `getPrivateLinkEndpointService` data source). */
export async function getPrivateEndpoint(
  args: GetPrivateEndpointArgs,
  options?: LookupOptions,
): Promise<PrivateEndpointInfo> {
  return getRegistration(lookupClient(options), args);
}

async function getRegistration(client: AtlasClient, args: GetPrivateEndpointArgs): Promise<PrivateEndpointInfo> {
  const providerName = lookupProvider(args.providerName);
  const registration = await client.getRegistration(
    args.projectId,
    providerName,
    args.privateLinkId,
    args.endpointServiceId,
  );
  const gcp = providerName === "GCP" ? (registration as AtlasGcpRegistration) : undefined;
  const ip = gcp?.portMappingEnabled === true ? (gcp.endpoints?.[0]?.ipAddress ?? undefined) : undefined;
  const {
    gcpProjectId: _gcpProjectId,
    unfinishedCreate: _unfinished,
    ...info
  } = outputsFrom(
    {
      projectId: args.projectId,
      providerName,
      privateLinkId: args.privateLinkId,
      endpointServiceId: args.endpointServiceId,
      ...(ip === undefined ? {} : { privateEndpointIpAddress: ip }),
    },
    registration,
  );
  return info;
}

// A lookup has no create: the schema leaves out the create's mark, as the lookup's answer does.
const {
  gcpProjectId: _gcpProjectId,
  unfinishedCreate: _unfinished,
  ...REGISTRATION_OUTPUTS
} = privateEndpointSchema.outputs;

/** {@link getPrivateEndpoint}, described for the plugin's schema and `Invoke`. */
export const getRegistrationLookup: LookupDescription = {
  name: "getPrivateEndpoint",
  description:
    "Reads one cloud endpoint's registration with a MongoDB Atlas private endpoint service (the official provider's getPrivateLinkEndpointService).",
  inputs: {
    projectId: { type: "string", required: true, description: "The Atlas project (24 hex digits)." },
    providerName: { type: "string", required: true, description: "AWS, AZURE or GCP (any case)." },
    privateLinkId: { type: "string", required: true, description: "The Atlas endpoint service id (24 hex)." },
    endpointServiceId: {
      type: "string",
      required: true,
      description:
        "The cloud endpoint: AWS the VPC endpoint id (vpce-…); Azure the private endpoint's ARM id; GCP the endpoint group name or, with port mapping, the forwarding rule's name.",
    },
  },
  outputs: {
    projectId: { type: "string", required: true, description: "The Atlas project." },
    providerName: { type: "string", required: true, description: "AWS, AZURE or GCP." },
    privateLinkId: { type: "string", required: true, description: "The Atlas endpoint service id." },
    endpointServiceId: { type: "string", required: true, description: "The cloud endpoint, as asked for." },
    ...REGISTRATION_OUTPUTS,
  },
  types: {},
  run: (client, args) => getRegistration(client, args as unknown as GetPrivateEndpointArgs),
};
