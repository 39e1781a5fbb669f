import type { OperationContext } from "../context/operation-context";
import { PartialCreateError } from "../lifecycle/partial-create-error";
import { waitLimit } from "../lifecycle/timeouts";
import { SETTING, changeSetting, followChange, onOff, resumeSettling, type ChangeResult } from "./change";
import { wantedSetting, type ProviderInputs } from "./inputs";
import { outputsFrom, storedState, type RegionalModeOutputs } from "./outputs";
import { changeSlots } from "./take-back";

/**
 * Brings the setting to what the inputs ask: a change when Atlas has the other value (refused before any PATCH where
 * Atlas would refuse), else a wait for the clusters an earlier wait left busy, or for those of a change state does not
 * hold (Atlas has the value asked for, state the other: an interrupted run, or someone outside Pulumi), else nothing
 * but new deadlines. A wait that fails or is cancelled after a change keeps the new setting in state (a
 * {@link PartialCreateError}) and is resumed next time. The resource is in state, so the journal's records of its
 * create are no longer needed.
 */
export async function updateRegionalMode(
  context: OperationContext,
  olds: Record<string, unknown>,
  news: ProviderInputs,
): Promise<{ outs: RegionalModeOutputs }> {
  const { projectId } = news;
  for (const slot of changeSlots(projectId)) await context.journal?.forget(slot);
  const stored = storedState(olds);
  const limit = waitLimit(context, news, "update");
  const deadline = { ...limit, deadlineAtMs: context.clock.now() + limit.ms };
  const wanted = wantedSetting(news);
  const current = (await context.client.getRegionalMode(projectId)).enabled;
  let result: ChangeResult;
  if (current !== wanted) {
    result = await changeSetting(context, projectId, wanted, deadline);
  } else if (stored.pendingClusters.length > 0) {
    result = {
      affectedClusters: stored.affectedClusters,
      ...(await resumeSettling(context, projectId, stored.pendingClusters, deadline)),
    };
  } else if (stored.enabled !== wanted) {
    context.log(`${SETTING} is already ${onOff(wanted)} in project ${projectId}, changed since state last saw it`);
    result = await followChange(context, projectId, deadline);
  } else {
    result = { affectedClusters: stored.affectedClusters, pendingClusters: [] };
  }
  const outs = outputsFrom(news, { ...result, enabled: wanted, enabledAtCreate: stored.enabledAtCreate });
  if (result.waitFailure !== undefined) {
    throw new PartialCreateError(
      result.cancelled === true
        ? `Pulumi was cancelled while the clusters of project ${projectId} took the change: regional mode is ${onOff(wanted)} there. It is recorded in state; the next pulumi up waits for the clusters again without changing the setting again.`
        : `Regional mode is ${onOff(wanted)} in project ${projectId}, but ${result.waitFailure}. The next pulumi up waits again (raise timeouts.update if Atlas is slow).`,
      projectId,
      { ...outs, __provider: news.__provider },
    );
  }
  return { outs };
}
