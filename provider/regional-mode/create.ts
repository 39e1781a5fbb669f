import type { OperationContext } from "../context/operation-context";
import { PartialCreateError } from "../lifecycle/partial-create-error";
import { timeoutMs } from "../lifecycle/timeouts";
import { SETTING, changeSetting, onOff } from "./change";
import { wantedSetting, type ProviderInputs } from "./inputs";
import { outputsFrom, type RegionalModeOutputs } from "./outputs";

/**
 * Takes over the project's setting (there always is one) and makes it what the inputs ask, recording the value it
 * found: delete turns the setting back off only when this resource turned it on. A change whose wait fails is a
 * {@link PartialCreateError}: the setting changed, so the resource is recorded, and the next `up` waits again.
 */
export async function createRegionalMode(
  context: OperationContext,
  inputs: ProviderInputs,
): Promise<{ id: string; outs: RegionalModeOutputs }> {
  const { projectId } = inputs;
  const deadlineAtMs = context.clock.now() + timeoutMs(inputs, "create");
  const found = (await context.client.getRegionalMode(projectId)).enabled;
  const wanted = wantedSetting(inputs);
  if (found === wanted) {
    context.log(`${SETTING} is already ${onOff(found)} in project ${projectId}; nothing to change`);
    const state = { enabled: found, affectedClusters: [], enabledAtCreate: found, pendingClusters: [] };
    return { id: projectId, outs: outputsFrom(inputs, state) };
  }
  const limit = inputs.timeouts?.create ?? "60m";
  const change = await changeSetting(context, projectId, wanted, { deadlineAtMs, name: "timeouts.create", limit });
  const outs = outputsFrom(inputs, { ...change, enabled: wanted, enabledAtCreate: found });
  if (change.waitFailure !== undefined) {
    throw new PartialCreateError(
      `Regional mode is now ${onOff(wanted)} in project ${projectId}, but ${change.waitFailure}. It is recorded in state; the next pulumi up waits again (raise timeouts.create if Atlas is slow).`,
      projectId,
      { ...outs, __provider: inputs.__provider },
    );
  }
  return { id: projectId, outs };
}
