import { untilDeadline, type OperationContext } from "../context/operation-context";
import { PartialCreateError } from "../lifecycle/partial-create-error";
import { waitLimit } from "../lifecycle/timeouts";
import { SETTING, changeSetting, followChange, onOff, type ChangeResult } from "./change";
import { wantedSetting, type ProviderInputs } from "./inputs";
import { outputsFrom, type RegionalModeOutputs } from "./outputs";
import { changeSlot, changeSlots, foundBeforeInterruptedCreate } from "./take-back";

/**
 * Takes over the project's setting (there always is one) and makes it what the inputs ask, recording the value it
 * found: delete turns the setting back off only when this resource turned it on. A change whose wait fails or is
 * cancelled is a {@link PartialCreateError}: the setting changed, so the resource is recorded, and the next `up`
 * waits again. The journal notes the PATCH until the engine has the outcome, so that after a run killed mid-create
 * the next create still records the value the setting had before it (see `take-back.ts`).
 */
export async function createRegionalMode(
  context: OperationContext,
  inputs: ProviderInputs,
): Promise<{ id: string; outs: RegionalModeOutputs }> {
  const { projectId } = inputs;
  const limit = waitLimit(context, inputs, "create");
  const deadline = { ...limit, deadlineAtMs: context.clock.now() + limit.ms };
  context = untilDeadline(context, deadline.deadlineAtMs);
  const wanted = wantedSetting(inputs);
  try {
    const found = (await context.client.getRegionalMode(projectId)).enabled;
    const before = await foundBeforeInterruptedCreate(context, projectId, found);
    let change: ChangeResult;
    if (found !== wanted) {
      change = await changeSetting(context, projectId, wanted, deadline, changeSlot(projectId, wanted));
    } else if (before !== undefined) {
      change = await followChange(context, projectId, deadline);
    } else {
      context.log(`${SETTING} is already ${onOff(found)} in project ${projectId}; nothing to change`);
      change = { affectedClusters: [], pendingClusters: [] };
    }
    const outs = outputsFrom(inputs, { ...change, enabled: wanted, enabledAtCreate: before ?? found });
    if (change.waitFailure !== undefined) {
      throw new PartialCreateError(
        change.cancelled === true
          ? `Pulumi was cancelled while the clusters of project ${projectId} took the change: regional mode is now ${onOff(wanted)} there. It is recorded in state; the next pulumi up waits for the clusters again without changing the setting again.`
          : `Regional mode is now ${onOff(wanted)} in project ${projectId}, but ${change.waitFailure}. It is recorded in state; the next pulumi up waits again (raise timeouts.create if Atlas is slow).`,
        projectId,
        { ...outs, __provider: inputs.__provider },
      );
    }
    return { id: projectId, outs };
  } finally {
    // A cancelled create keeps its record: the engine may never receive the partial create.
    if (context.signal?.aborted !== true) {
      for (const slot of changeSlots(projectId)) await context.journal?.forget(slot);
    }
  }
}
