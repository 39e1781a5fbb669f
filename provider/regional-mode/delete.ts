import { isAtlasApiError } from "../atlas/errors";
import type { OperationContext } from "../context/operation-context";
import { waitLimit } from "../lifecycle/timeouts";
import { SETTING, changeSetting } from "./change";
import type { RegionalModeInputs } from "./inputs";
import type { RegionalModeState } from "./outputs";

/**
 * Turns the setting back off only when this resource turned it on (it found it off at create, or at import, and left
 * it on); otherwise the resource is forgotten and the setting stays as it is. Turning it off is refused, before any
 * PATCH, in the endpoint layouts Atlas refuses; a refusal, a failed or a cancelled wait is an error, and the resource
 * stays in state.
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
        ? "it was already on when this resource was created or imported"
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
  const limit = waitLimit(context, inputs, "delete");
  const result = await changeSetting(context, projectId, false, {
    ...limit,
    deadlineAtMs: context.clock.now() + limit.ms,
  });
  if (result.cancelled === true) {
    throw new Error(
      `Pulumi was cancelled while the clusters of project ${projectId} took the change: regional mode is off again there, as this resource found it. It stays in state; the next destroy finds the setting off and finishes.`,
    );
  }
  if (result.waitFailure !== undefined) {
    throw new Error(
      `Regional mode is off again in project ${projectId}, as this resource found it, but ${result.waitFailure}. It stays in state: run the command again to wait for them (raise timeouts.delete if Atlas is slow).`,
    );
  }
}
