import { toAtlasRegion, toNativeRegion, type ProviderName } from "../regions/regions";
import type { AtlasEndpointService } from "../provider/atlas/types";
import { asServiceInputs, checkInputs } from "../provider/endpoint-service/check";
import type { ServiceInputs } from "../provider/endpoint-service/inputs";
import { outputsFrom } from "../provider/endpoint-service/outputs";
import type { MockedResourceType } from "./mocked-resource";
import { SeededNames, nextObjectId } from "./seeded-names";

/** The type token `PrivateEndpointService` registers (a dynamic resource in module `mongodbatlas`). */
export const ENDPOINT_SERVICE_TYPE = "pulumi-nodejs:dynamic/mongodbatlas:PrivateEndpointService";

/** Service attachments of a ready GCP service: six as recorded from Atlas (its docs say 50), one with port mapping. */
const GCP_ATTACHMENT_COUNT = { normal: 6, portMapping: 1 } as const;

/** `PrivateEndpointService` under mocks: the provider's check, then its output shaping over a ready service. */
export const endpointServiceMock: MockedResourceType = {
  check: checkInputs,
  created(name, checked) {
    const { __provider: _serialized, ...inputs } = checked;
    const typed = asServiceInputs(inputs);
    const service = readyEndpointService(name, typed);
    return { id: service.id, state: { ...outputsFrom(typed, service) } };
  },
};

/** The service as Atlas answers a GET once it is `AVAILABLE`: every field of its cloud, names drawn from `name`. */
export function readyEndpointService(name: string, inputs: ServiceInputs): AtlasEndpointService {
  const seeded = new SeededNames(`${ENDPOINT_SERVICE_TYPE}/${name}`);
  const provider: ProviderName = inputs.providerName;
  const id = seeded.objectId();
  const regionName = toAtlasRegion(provider, inputs.region) ?? inputs.region;
  const nativeRegion = toNativeRegion(provider, regionName) ?? inputs.region;
  const common = { id, cloudProvider: provider, regionName, status: "AVAILABLE", errorMessage: null } as const;
  switch (provider) {
    case "AWS":
      return {
        ...common,
        endpointServiceName: `com.amazonaws.vpce.${nativeRegion}.vpce-svc-${seeded.hex(17)}`,
        interfaceEndpoints: [],
        supportedRemoteRegions: (inputs.supportedRemoteRegions ?? []).map((r) => toAtlasRegion("AWS", r) ?? r),
      };
    case "AZURE": {
      const serviceName = `pls_${id}`;
      const group = `rg_${nextObjectId(id)}_${seeded.lowerAlnum(8)}`;
      return {
        ...common,
        privateEndpoints: [],
        privateLinkServiceName: serviceName,
        privateLinkServiceResourceId: `/subscriptions/${seeded.uuid()}/resourceGroups/${group}/providers/Microsoft.Network/privateLinkServices/${serviceName}`,
      };
    }
    case "GCP": {
      const portMapping = inputs.portMappingEnabled === true;
      const count = portMapping ? GCP_ATTACHMENT_COUNT.portMapping : GCP_ATTACHMENT_COUNT.normal;
      const project = `p-${seeded.lowerAlnum(24)}`;
      return {
        ...common,
        endpointGroupNames: [],
        portMappingEnabled: portMapping,
        serviceAttachmentNames: Array.from(
          { length: count },
          (_, i) =>
            `projects/${project}/regions/${nativeRegion}/serviceAttachments/sa-${nativeRegion}-${inputs.projectId}-${i}`,
        ),
      };
    }
  }
}
