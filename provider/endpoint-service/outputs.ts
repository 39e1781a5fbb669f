import type { AtlasEndpointService } from "../atlas/types";
import type { ServiceInputs } from "./inputs";

/** What the provider stores: the inputs plus everything Atlas answered (names as the official resource). */
export interface ServiceOutputs extends Omit<ServiceInputs, "supportedRemoteRegions" | "portMappingEnabled"> {
  readonly privateLinkId: string;
  readonly status: string;
  readonly errorMessage: string | null;
  readonly regionName: string;
  readonly endpointServiceName: string | null;
  readonly interfaceEndpoints: string[];
  readonly supportedRemoteRegions: string[];
  readonly privateEndpoints: string[];
  readonly privateLinkServiceName: string | null;
  readonly privateLinkServiceResourceId: string | null;
  readonly endpointGroupNames: string[];
  readonly serviceAttachmentNames: string[];
  readonly portMappingEnabled: boolean | null;
  /** True while the create that recorded it has not finished (a partial create): the next `up` resumes it. */
  readonly unfinishedCreate: boolean;
  /**
   * Set while a create request whose outcome Atlas never confirmed is not resolved: when it was sent and when it
   * failed, as an ISO 8601 interval (`start/end`). The next `up` takes back the service it made, or creates one.
   */
  readonly unconfirmedCreate: string | null;
}

/**
 * The stored properties: the inputs, then every output Atlas answered, under the official resource's names.
 * Outputs a provider does not have are present and empty (lists) or null, so programs can read any of them.
 */
export function outputsFrom(
  inputs: ServiceInputs,
  service: AtlasEndpointService,
): ServiceOutputs & { __provider?: unknown } {
  return {
    ...inputs,
    privateLinkId: service.id,
    status: service.status ?? "UNKNOWN",
    errorMessage: service.errorMessage ?? null,
    regionName: service.regionName ?? "",
    endpointServiceName: service.endpointServiceName ?? null,
    interfaceEndpoints: [...(service.interfaceEndpoints ?? [])],
    supportedRemoteRegions: [...(service.supportedRemoteRegions ?? [])],
    privateEndpoints: [...(service.privateEndpoints ?? [])],
    privateLinkServiceName: service.privateLinkServiceName ?? null,
    privateLinkServiceResourceId: service.privateLinkServiceResourceId ?? null,
    endpointGroupNames: [...(service.endpointGroupNames ?? [])],
    serviceAttachmentNames: [...(service.serviceAttachmentNames ?? [])],
    portMappingEnabled: service.portMappingEnabled ?? null,
    unfinishedCreate: false,
    unconfirmedCreate: null,
  };
}
