import type { ProviderName } from "../../regions/regions";
import { lookupClient, lookupProvider, type LookupOptions } from "../lifecycle/lookup-client";
import { outputsFrom, type RegistrationOutputs } from "./outputs";

/** What {@link getPrivateEndpoint} returns: the registration's outputs, as the resource has them. */
export type PrivateEndpointInfo = Omit<
  RegistrationOutputs,
  "timeouts" | "adoptExisting" | "deleteOnCreateTimeout" | "resourceName" | "gcpProjectId"
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
  const providerName = lookupProvider(args.providerName);
  const registration = await lookupClient(options).getRegistration(
    args.projectId,
    providerName,
    args.privateLinkId,
    args.endpointServiceId,
  );
  const portMapped = registration.cloudProvider === "GCP" && registration.portMappingEnabled === true;
  const ip = portMapped ? (registration.endpoints?.[0]?.ipAddress ?? undefined) : undefined;
  const { gcpProjectId: _gcpProjectId, ...info } = outputsFrom(
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
