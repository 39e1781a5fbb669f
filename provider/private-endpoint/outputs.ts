import type { AtlasRegistration } from "../atlas/types";
import type { GcpEndpointOutput, RegistrationInputs, RegistrationOutputs } from "./inputs";
import type { StatusView } from "./status";

/**
 * The stored properties: the inputs, then every output Atlas answered, under the official resource's names. Outputs a
 * cloud does not have are null (or `[]`). Without an answer (a create whose outcome is not known yet) the outputs
 * that echo inputs hold the inputs, so a resumed create is not mistaken for a change.
 */
export function outputsFrom(
  inputs: RegistrationInputs,
  registration: AtlasRegistration | undefined,
): RegistrationOutputs {
  const aws = registration?.cloudProvider === "AWS" ? registration : undefined;
  const azure = registration?.cloudProvider === "AZURE" ? registration : undefined;
  const gcp = registration?.cloudProvider === "GCP" ? registration : undefined;
  const provider = inputs.providerName;
  const portMapped = provider === "GCP" && inputs.privateEndpointIpAddress !== undefined;
  return {
    ...inputs,
    interfaceEndpointId: provider === "AWS" ? (aws?.interfaceEndpointId ?? null) : null,
    awsConnectionStatus: aws?.connectionStatus ?? null,
    azureStatus: azure?.status ?? null,
    gcpStatus: gcp?.status ?? null,
    privateEndpointResourceId: azure?.privateEndpointResourceId ?? null,
    privateEndpointIpAddress:
      provider === "AZURE"
        ? (azure?.privateEndpointIPAddress ?? inputs.privateEndpointIpAddress ?? null)
        : portMapped
          ? (gcp?.endpoints?.[0]?.ipAddress ?? inputs.privateEndpointIpAddress ?? null)
          : null,
    privateEndpointConnectionName: azure?.privateEndpointConnectionName ?? null,
    endpointGroupName: provider === "GCP" ? (gcp?.endpointGroupName ?? inputs.endpointServiceId) : null,
    endpoints: provider === "GCP" && !portMapped ? gcpEndpoints(inputs, gcp?.endpoints ?? undefined) : [],
    portMappingEnabled: provider === "GCP" ? (gcp?.portMappingEnabled ?? portMapped) : null,
    errorMessage: registration?.errorMessage ?? null,
    deleteRequested: registration?.deleteRequested ?? null,
  };
}

function gcpEndpoints(
  inputs: RegistrationInputs,
  answered: readonly { endpointName?: string | null; ipAddress?: string | null; status?: string | null }[] | undefined,
): GcpEndpointOutput[] {
  if (answered === undefined || answered.length === 0) {
    return (inputs.endpoints ?? []).map((e) => ({
      endpointName: e.endpointName,
      ipAddress: e.ipAddress,
      status: null,
    }));
  }
  return answered.map((e) => ({
    endpointName: e.endpointName ?? "",
    ipAddress: e.ipAddress ?? "",
    status: e.status ?? null,
  }));
}

/** A stored registration's statuses, as {@link judge} takes them. */
export function storedStatusView(props: Record<string, unknown>): StatusView {
  const provider = props["providerName"];
  const field = provider === "AWS" ? "awsConnectionStatus" : provider === "AZURE" ? "azureStatus" : "gcpStatus";
  const text = (value: unknown): string | null => (typeof value === "string" ? value : null);
  const endpoints = Array.isArray(props["endpoints"]) ? (props["endpoints"] as Record<string, unknown>[]) : [];
  return {
    status: text(props[field]),
    errorMessage: text(props["errorMessage"]),
    endpoints:
      provider === "GCP"
        ? endpoints.map((e) => ({ endpointName: text(e["endpointName"]), status: text(e["status"]) }))
        : [],
  };
}
