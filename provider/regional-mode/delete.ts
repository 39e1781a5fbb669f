import { isAtlasApiError } from "../atlas/errors";
import type { OperationContext } from "../context/operation-context";
import { timeoutMs } from "../lifecycle/timeouts";
import { SETTING, changeSetting } from "./change";
import type { RegionalModeInputs } from "./inputs";
import type { RegionalModeState } from "./outputs";

/**
 * Turns the setting back off only when this resource turned it on (it found it off at create and left it on);
 * otherwise the resource is forgotten and the setting stays as it is. Turning it off is refused, before any PATCH,
 * in the endpoint layouts Atlas refuses; a refusal or a failed wait is an error, and the resource stays in state.
 */
export async function deleteRegionalMode(
  context: OperationContext,
  inputs: RegionalModeInputs,
  stored: RegionalModeState,
): Promise<void> {
  const { projectId } = inputs;
  if (stored.enabledAtCreate !== false || !stored.enabled) {
    const why =
      stored.enabledAtCreate === true
        ? "it was already on when this resource was created"
        : stored.enabled
          ? "the value this resource found at create is not recorded"
          : "this resource left it off";
    context.log(`leaving ${SETTING} as it is in project ${projectId}: ${why}`);
    return;
  }
  let current: boolean;
  try {
    current = (await context.client.getRegionalMode(projectId)).enabled;
  } catch (error) {
    if (isAtlasApiError(error) && error.status === 404 && error.errorCode === "GROUP_NOT_FOUND") {
      context.log(`project ${projectId} no longer exists; nothing to turn off`);
      return;
    }
    throw error;
  }
  if (!current) {
    context.log(`${SETTING} is already off in project ${projectId}`);
    return;
  }
  const deadline = {
    deadlineAtMs: context.clock.now() + timeoutMs(inputs, "delete"),
    name: "timeouts.delete",
    limit: inputs.timeouts?.delete ?? "60m",
  };
  const result = await changeSetting(context, projectId, false, deadline);
  if (result.waitFailure !== undefined) {
    throw new Error(
      `Regional mode is off again in project ${projectId}, as this resource found it, but ${result.waitFailure}. It stays in state: run the command again to wait for them (raise timeouts.delete if Atlas is slow).`,
    );
  }
}
