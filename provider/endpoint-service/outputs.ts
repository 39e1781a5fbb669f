import type { AtlasEndpointService } from "../atlas/types";
import type { ServiceInputs, ServiceOutputs } from "./inputs";

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
  };
}
