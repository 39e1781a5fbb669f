import type { OperationContext } from "../context/operation-context";
import type { ReadAnswer } from "../lifecycle/description";
import { readOrGone } from "../lifecycle/read-or-gone";
import { INPUT_NAMES, type RegionalModeInputs } from "./inputs";
import { outputsFrom, storedState } from "./outputs";
import { storedInputs } from "../lifecycle/stored-inputs";

/** The setting is the project's: a project always has it, so only the project's own absence makes it gone. */
const GONE_CODES: readonly string[] = ["GROUP_NOT_FOUND"];

/** Reads the setting as Atlas has it now; what the last change did is kept from state. */
export function readRegionalMode(
  context: OperationContext,
  id: string,
  props: Record<string, unknown>,
): Promise<ReadAnswer> {
  const inputs = inputsOf(props, id);
  const stored = storedState(props);
  return readOrGone(context, {
    id,
    inputs: { ...inputs },
    what: `the regional mode of project ${inputs.projectId}`,
    objectCodes: GONE_CODES,
    fetch: () => context.client.getRegionalMode(inputs.projectId),
    propsOf: (setting) => outputsFrom(inputs, { ...stored, enabled: setting.enabled }),
  });
}

/**
 * The inputs part of stored properties. `enabled` is both an input and an output, and holds Atlas' value there; the
 * project id comes from the resource id (the project's) when the properties lack it.
 */
export function inputsOf(props: Record<string, unknown>, id = ""): RegionalModeInputs {
  const inputs = storedInputs(props, INPUT_NAMES);
  if (inputs["projectId"] === undefined && id !== "") inputs["projectId"] = id;
  return inputs as unknown as RegionalModeInputs;
}
