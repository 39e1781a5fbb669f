import type { AtlasRegistration } from "../atlas/types";
import type { RegistrationInputs } from "./inputs";
import { outputsFrom, type RegistrationOutputs } from "./outputs";
import { registrationId } from "./refs";
import { SeededNames } from "../lifecycle/seeded-names";

/** Seeds the names of mocked registrations (the dynamic type token, as in every release so far). */
const SEED = "pulumi-nodejs:dynamic/mongodbatlas:PrivateEndpoint";

/** What an `AVAILABLE` registration stores, for the testing kit's mocks. */
export function readyRegistration(name: string, inputs: RegistrationInputs): { id: string; outs: RegistrationOutputs } {
  return { id: registrationId(inputs), outs: outputsFrom(inputs, availableRegistration(name, inputs)) };
}

/** The registration as Atlas answers a GET once it is `AVAILABLE`, for each cloud's shape. */
export function availableRegistration(name: string, inputs: RegistrationInputs): AtlasRegistration {
  const common = { deleteRequested: false, errorMessage: null } as const;
  switch (inputs.providerName) {
    case "AWS":
      return {
        ...common,
        cloudProvider: "AWS",
        interfaceEndpointId: inputs.endpointServiceId,
        connectionStatus: "AVAILABLE",
      };
    case "AZURE": {
      // Atlas generates the connection name: a UUID, then the endpoint's resource group and name, `%2F`-separated.
      const parts = inputs.endpointServiceId.split("/");
      const uuid = new SeededNames(`${SEED}/${name}`).uuid();
      return {
        ...common,
        cloudProvider: "AZURE",
        privateEndpointResourceId: inputs.endpointServiceId,
        privateEndpointIPAddress: inputs.privateEndpointIpAddress ?? null,
        privateEndpointConnectionName: `${uuid}%2F${parts[4] ?? ""}%2F${parts[parts.length - 1] ?? ""}`,
        status: "AVAILABLE",
      };
    }
    case "GCP": {
      const portMapped = inputs.privateEndpointIpAddress !== undefined;
      const endpoints = portMapped
        ? [{ endpointName: inputs.endpointServiceId, ipAddress: inputs.privateEndpointIpAddress ?? "" }]
        : (inputs.endpoints ?? []);
      return {
        ...common,
        cloudProvider: "GCP",
        endpointGroupName: inputs.endpointServiceId,
        gcpProjectId: inputs.gcpProjectId ?? null,
        portMappingEnabled: portMapped,
        endpoints: endpoints.map((e) => ({
          endpointName: e.endpointName,
          ipAddress: e.ipAddress,
          status: "AVAILABLE",
        })),
        status: "AVAILABLE",
      };
    }
  }
}
