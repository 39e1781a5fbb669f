import type { CreateRegistrationRequest } from "../atlas/types";
import type { RegistrationInputs } from "./inputs";

/** The body for the inputs' cloud; the cloud itself goes in the path. */
export function createRequest(inputs: RegistrationInputs): CreateRegistrationRequest {
  switch (inputs.providerName) {
    case "AWS":
      return { id: inputs.endpointServiceId };
    case "AZURE":
      return { id: inputs.endpointServiceId, privateEndpointIPAddress: inputs.privateEndpointIpAddress ?? "" };
    case "GCP":
      return {
        endpointGroupName: inputs.endpointServiceId,
        gcpProjectId: inputs.gcpProjectId ?? "",
        // With port mapping the one endpoint is the forwarding rule itself, named as the group (as Atlas expects).
        endpoints:
          inputs.privateEndpointIpAddress !== undefined
            ? [{ endpointName: inputs.endpointServiceId, ipAddress: inputs.privateEndpointIpAddress }]
            : (inputs.endpoints ?? []).map((e) => ({ endpointName: e.endpointName, ipAddress: e.ipAddress })),
      };
  }
}
