import { toAtlasRegion, toNativeRegion, type ProviderName } from "../../regions/regions";
import type { AtlasEndpointService } from "../atlas/types";
import type { ServiceInputs } from "./inputs";
import { outputsFrom, type ServiceOutputs } from "./outputs";
import { SeededNames, nextObjectId } from "../lifecycle/seeded-names";

/** Seeds the names of mocked services (the dynamic type token, as in every release so far: mocked ids stay stable). */
const SEED = "pulumi-nodejs:dynamic/mongodbatlas:PrivateEndpointService";

/** Service attachments of a ready GCP service: six as recorded from Atlas (its docs say 50), one with port mapping. */
const GCP_ATTACHMENT_COUNT = { normal: 6, portMapping: 1 } as const;

/** What a ready service stores, for the testing kit's mocks: the output shaping over {@link readyEndpointService}. */
export function readyService(name: string, inputs: ServiceInputs): { id: string; outs: ServiceOutputs } {
  const service = readyEndpointService(name, inputs);
  return { id: service.id, outs: outputsFrom(inputs, service) };
}

/** The service as Atlas answers a GET once it is `AVAILABLE`: every field of its cloud, names drawn from `name`. */
export function readyEndpointService(name: string, inputs: ServiceInputs): AtlasEndpointService {
  const seeded = new SeededNames(`${SEED}/${name}`);
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
