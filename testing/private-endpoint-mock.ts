import type { AtlasRegistration } from "../provider/atlas/types";
import { checkRegistrationInputs } from "../provider/private-endpoint/check";
import type { RegistrationInputs } from "../provider/private-endpoint/inputs";
import { outputsFrom } from "../provider/private-endpoint/outputs";
import { registrationId } from "../provider/private-endpoint/refs";
import type { MockedResourceType } from "./mocked-resource";
import { SeededNames } from "./seeded-names";

/** The type token `PrivateEndpoint` registers (a dynamic resource in module `mongodbatlas`). */
export const PRIVATE_ENDPOINT_TYPE = "pulumi-nodejs:dynamic/mongodbatlas:PrivateEndpoint";

/** `PrivateEndpoint` under mocks: the provider's check, then its output shaping over an `AVAILABLE` registration. */
export const privateEndpointMock: MockedResourceType = {
  check: checkRegistrationInputs,
  created(name, checked) {
    const { __provider: _serialized, ...inputs } = checked;
    const typed = inputs as unknown as RegistrationInputs;
    return { id: registrationId(typed), state: { ...outputsFrom(typed, availableRegistration(name, typed)) } };
  },
};

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
      const uuid = new SeededNames(`${PRIVATE_ENDPOINT_TYPE}/${name}`).uuid();
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
