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
  };
}
