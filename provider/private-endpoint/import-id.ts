import type { AtlasAzureRegistration, AtlasGcpRegistration, AtlasRegistration } from "../atlas/types";
import type { ImportIdSpec } from "../lifecycle/description";
import { fetchForImport, importIdParts } from "../lifecycle/import-id";
import { checkRegistrationInputs } from "./check";
import type { RegistrationInputs } from "./inputs";
import { outputsFrom } from "./outputs";
import { refOf, registrationId } from "./refs";

const FORM = "<projectId>/<providerName>/<privateLinkId>/<endpointServiceId>";

/**
 * A registration's import id, `<projectId>/<providerName>/<privateLinkId>/<endpointServiceId>`: the last part is the
 * cloud endpoint as the resource's `endpointServiceId` takes it, and may itself hold `/` (an Azure ARM id, which
 * starts with one: `…/<privateLinkId>//subscriptions/…`; the leading `/` may be left out). The Pulumi id is
 * `<privateLinkId>:<endpointServiceId>`.
 */
export const registrationImportId: ImportIdSpec = {
  form: FORM,
  parse: (importId) => {
    // An ARM id written without its leading slash gets it back.
    const normalised = importId.trim().replace(/^([^/]*\/[^/]*\/[^/]*\/)(subscriptions\/)/i, "$1/$2");
    const checked = importIdParts("PrivateEndpoint", FORM, normalised).checkedBy(checkRegistrationInputs, [
      "projectId",
      "providerName",
      "privateLinkId",
      "endpointServiceId",
    ]);
    const props = {
      projectId: checked["projectId"] ?? "",
      providerName: checked["providerName"] ?? "",
      privateLinkId: (checked["privateLinkId"] ?? "").toLowerCase(),
      endpointServiceId: checked["endpointServiceId"] ?? "",
    };
    return { id: registrationId(props), props };
  },
  read: async (context, { id, props }) => {
    const known = props as unknown as RegistrationInputs;
    const ref = refOf(known);
    const registration = await fetchForImport(
      () => context.client.getRegistration(ref.projectId, ref.provider, ref.serviceId, ref.endpointId),
      `registration of ${ref.endpointId} with endpoint service ${ref.serviceId} in project ${ref.projectId} for ${ref.provider}`,
    );
    const inputs = importedInputs(known, registration);
    return { id, inputs: { ...inputs }, props: outputsFrom(inputs, registration) };
  },
};

/** What a program writes for this registration: the ids, and the fields of its cloud as Atlas holds them. */
function importedInputs(known: RegistrationInputs, registration: AtlasRegistration): RegistrationInputs {
  const ids = {
    projectId: known.projectId,
    providerName: known.providerName,
    privateLinkId: known.privateLinkId,
    endpointServiceId: known.endpointServiceId,
  };
  // Keyed on the provider named in the import id: an answer may lack `cloudProvider`.
  switch (known.providerName) {
    case "AWS":
      return ids;
    case "AZURE":
      return {
        ...ids,
        privateEndpointIpAddress: (registration as AtlasAzureRegistration).privateEndpointIPAddress ?? "",
      };
    case "GCP": {
      const gcp = registration as AtlasGcpRegistration;
      const endpoints = (gcp.endpoints ?? []).map((e) => ({
        endpointName: e.endpointName ?? "",
        ipAddress: e.ipAddress ?? "",
      }));
      const gcpProjectId = gcp.gcpProjectId ?? "";
      return gcp.portMappingEnabled === true
        ? { ...ids, gcpProjectId, privateEndpointIpAddress: endpoints[0]?.ipAddress ?? "" }
        : { ...ids, gcpProjectId, endpoints };
    }
  }
}
