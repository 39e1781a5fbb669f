import type { ImportIdSpec } from "../lifecycle/description";
import { fetchForImport, importIdParts } from "../lifecycle/import-id";
import { checkRegionalModeInputs } from "./check";
import type { RegionalModeInputs } from "./inputs";
import { outputsFrom } from "./outputs";

const FORM = "<projectId>";

/**
 * Regional mode's import id, `<projectId>` (a project setting: one per project), which is also the Pulumi id. The
 * imported inputs are what Atlas holds, with nothing Atlas defaults: `enabled: true` when it is on, nothing when off
 * (absent means off). The value found is recorded as the one found at create, so delete then treats an imported
 * setting as one this resource found: it turns it back off only when it was off at import and the program turned it on.
 */
export const regionalModeImportId: ImportIdSpec = {
  form: FORM,
  parse: (importId) => {
    const { projectId = "" } = importIdParts("PrivateEndpointRegionalMode", FORM, importId).checkedBy(
      checkRegionalModeInputs,
      ["projectId"],
    );
    return { id: projectId, props: { projectId } };
  },
  read: async (context, { id }) => {
    const setting = await fetchForImport(
      () => context.client.getRegionalMode(id),
      `regional mode setting for project ${id}`,
    );
    const inputs: RegionalModeInputs = { projectId: id, ...(setting.enabled ? { enabled: true } : {}) };
    const state = {
      enabled: setting.enabled,
      affectedClusters: [],
      enabledAtCreate: setting.enabled,
      pendingClusters: [],
    };
    return { id, inputs: { ...inputs }, props: outputsFrom(inputs, state) };
  },
};
