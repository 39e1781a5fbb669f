import { toNativeRegion, type ProviderName } from "../../regions/regions";
import type { AtlasEndpointService } from "../atlas/types";
import type { ImportIdSpec } from "../lifecycle/description";
import { ATLAS_OBJECT_ID, fetchForImport, importIdParts } from "../lifecycle/import-id";
import { checkInputs } from "./check";
import type { ServiceInputs } from "./inputs";
import { outputsFrom } from "./outputs";

const FORM = "<projectId>/<providerName>/<privateLinkId>";

/**
 * A service's import id, `<projectId>/<providerName>/<privateLinkId>`: the Pulumi id is the `privateLinkId`. The
 * imported inputs are what Atlas holds, in the cloud's spelling of the region.
 */
export const serviceImportId: ImportIdSpec = {
  form: FORM,
  parse: (importId) => {
    const parts = importIdParts("PrivateEndpointService", FORM, importId);
    const { projectId, providerName } = parts.checkedBy(checkInputs, ["projectId", "providerName"]);
    const privateLinkId = parts.values["privateLinkId"] ?? "";
    if (!ATLAS_OBJECT_ID.test(privateLinkId)) {
      parts.fail(
        "privateLinkId",
        `privateLinkId ${JSON.stringify(privateLinkId)} is not an Atlas endpoint service id (24 hex digits)`,
      );
    }
    const id = privateLinkId.toLowerCase();
    return { id, props: { projectId, providerName, privateLinkId: id } };
  },
  read: async (context, { id, props }) => {
    const projectId = String(props["projectId"]);
    const provider = props["providerName"] as ProviderName;
    const service = await fetchForImport(
      () => context.client.getEndpointService(projectId, provider, id),
      `endpoint service ${id} in project ${projectId} for ${provider}`,
    );
    const inputs = importedInputs(projectId, provider, service);
    return { id, inputs: { ...inputs }, props: outputsFrom(inputs, service) };
  },
};

/** What a program writes for this service: project, provider, region, and the options Atlas shows as set. */
function importedInputs(projectId: string, provider: ProviderName, service: AtlasEndpointService): ServiceInputs {
  const regionName = service.regionName ?? "";
  const native = (region: string): string => toNativeRegion(provider, region) ?? region;
  const remote = service.supportedRemoteRegions ?? [];
  return {
    projectId,
    providerName: provider,
    region: native(regionName),
    ...(provider === "AWS" && remote.length > 0 ? { supportedRemoteRegions: remote.map(native) } : {}),
    ...(provider === "GCP" && service.portMappingEnabled === true ? { portMappingEnabled: true } : {}),
  };
}
