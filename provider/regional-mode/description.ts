import type { ResourceDescription } from "../lifecycle/description";
import { checkRegionalModeInputs } from "./check";
import { createRegionalMode } from "./create";
import { deleteRegionalMode } from "./delete";
import { diffRegionalMode } from "./diff";
import { regionalModeImportId } from "./import-id";
import type { ProviderInputs, RegionalModeInputs } from "./inputs";
import { getRegionalModeLookup } from "./lookups";
import { readyRegionalMode } from "./mock";
import { storedState } from "./outputs";
import { inputsOf, readRegionalMode } from "./read";
import { regionalModeSchema } from "./schema";
import { updateRegionalMode } from "./update";

/**
 * `PrivateEndpointRegionalMode`, described once: the dynamic provider module (`./provider/regional-mode`), the
 * provider plugin (with its import id and function), the TypeScript lookup and the testing kit's mocks are all built
 * from this.
 */
export const regionalMode: ResourceDescription = {
  name: "PrivateEndpointRegionalMode",
  schema: regionalModeSchema,
  progressDetail: (inputs) => (typeof inputs["projectId"] === "string" ? `project ${inputs["projectId"]}` : undefined),
  inputsOf: (props, id) => ({ ...inputsOf(props, id) }),
  check: checkRegionalModeInputs,
  diff: diffRegionalMode,
  create: (context, inputs) => createRegionalMode(context, inputs as unknown as ProviderInputs),
  read: readRegionalMode,
  update: (context, _id, olds, news) => updateRegionalMode(context, olds, news as unknown as ProviderInputs),
  delete: (context, id, props) => deleteRegionalMode(context, inputsOf(props, id), storedState(props)),
  ready: (name, inputs) => readyRegionalMode(name, inputs as unknown as RegionalModeInputs),
  importId: regionalModeImportId,
  lookups: [getRegionalModeLookup],
};
