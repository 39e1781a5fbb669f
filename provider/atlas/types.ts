import type { ProviderName } from "./regions";

/** Statuses Atlas documents for an endpoint service; any other string may arrive and is treated as pending. */
export type EndpointServiceStatus = "INITIATING" | "AVAILABLE" | "WAITING_FOR_USER" | "FAILED" | "DELETING";

/**
 * An endpoint service as Atlas answers it. Atlas sends every field of the service's provider, with explicit
 * `null`s; fields of other providers are absent. So every provider-specific field is optional and nullable here.
 */
export interface AtlasEndpointService {
  readonly id: string;
  readonly cloudProvider: ProviderName;
  readonly regionName: string | null;
  readonly status: EndpointServiceStatus | (string & {}) | null;
  readonly errorMessage: string | null;
  // AWS
  readonly endpointServiceName?: string | null;
  readonly interfaceEndpoints?: readonly string[] | null;
  readonly supportedRemoteRegions?: readonly string[] | null;
  // AZURE
  readonly privateEndpoints?: readonly string[] | null;
  readonly privateLinkServiceName?: string | null;
  readonly privateLinkServiceResourceId?: string | null;
  // GCP
  readonly endpointGroupNames?: readonly string[] | null;
  readonly serviceAttachmentNames?: readonly string[] | null;
  readonly portMappingEnabled?: boolean | null;
}

/** The body of a create call. */
export interface CreateEndpointServiceRequest {
  readonly providerName: ProviderName;
  readonly region: string;
  readonly portMappingEnabled?: boolean;
  readonly supportedRemoteRegions?: readonly string[];
}

/** The body of a PATCH (AWS only: the remote regions served by the service). */
export interface UpdateEndpointServiceRequest {
  readonly cloudProvider: "AWS";
  readonly supportedRemoteRegions: readonly string[];
}
