import type { AtlasRegistration } from "../atlas/types";
import type { RegistrationInputs } from "./inputs";
import type { StatusView } from "./status";

/** One GCP endpoint as stored: what was registered and the status Atlas reports. */
export interface GcpEndpointOutput {
  readonly endpointName: string;
  readonly ipAddress: string;
  readonly status: string | null;
}

/**
 * What the provider stores: the inputs plus everything Atlas answered, under the official resource's names. Outputs a
 * cloud does not have are `null` (or `[]`).
 */
export interface RegistrationOutputs extends Omit<RegistrationInputs, "privateEndpointIpAddress" | "endpoints"> {
  /** AWS: the VPC endpoint id Atlas knows. */
  readonly interfaceEndpointId: string | null;
  readonly awsConnectionStatus: string | null;
  readonly azureStatus: string | null;
  readonly gcpStatus: string | null;
  /** Azure: the ARM id Atlas knows. */
  readonly privateEndpointResourceId: string | null;
  /** Azure, GCP with port mapping: the registered address. */
  readonly privateEndpointIpAddress: string | null;
  /** Azure: the connection name Atlas generated. */
  readonly privateEndpointConnectionName: string | null;
  /** GCP: the endpoint group name (with port mapping, the forwarding rule name). */
  readonly endpointGroupName: string | null;
  /** GCP without port mapping: each forwarding rule with its status. */
  readonly endpoints: GcpEndpointOutput[];
  /** GCP: whether the service uses port mapping. */
  readonly portMappingEnabled: boolean | null;
  /** Atlas' reason when the registration is `REJECTED`/`FAILED`, else null. */
  readonly errorMessage: string | null;
  /** True once a delete was requested. */
  readonly deleteRequested: boolean | null;
}

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
