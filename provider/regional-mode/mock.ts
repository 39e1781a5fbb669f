import { wantedSetting, type RegionalModeInputs } from "./inputs";
import { outputsFrom, type RegionalModeOutputs } from "./outputs";

/**
 * What a regional mode resource stores once its change is done, for the testing kit's mocks: the setting asked for,
 * found off in a new project (as Atlas answers for one), no cluster touched. The id is the project id.
 */
export function readyRegionalMode(
  _name: string,
  inputs: RegionalModeInputs,
): { id: string; outs: RegionalModeOutputs } {
  const state = { enabled: wantedSetting(inputs), affectedClusters: [], enabledAtCreate: false, pendingClusters: [] };
  return { id: inputs.projectId, outs: outputsFrom(inputs, state) };
}
