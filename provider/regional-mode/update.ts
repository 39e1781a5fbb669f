import type { OperationContext } from "../context/operation-context";
import { PartialCreateError } from "../lifecycle/partial-create-error";
import { timeoutMs } from "../lifecycle/timeouts";
import { changeSetting, onOff, resumeSettling, type ChangeResult } from "./change";
import { wantedSetting, type ProviderInputs } from "./inputs";
import { outputsFrom, storedState, type RegionalModeOutputs } from "./outputs";

/**
 * Brings the setting to what the inputs ask: a change when Atlas has the other value (refused before any PATCH where
 * Atlas would refuse), else a wait for the clusters an earlier wait left busy, else nothing but new deadlines. A wait
 * that fails after a change keeps the new setting in state (a {@link PartialCreateError}) and is resumed next time.
 */
export async function updateRegionalMode(
  context: OperationContext,
  olds: Record<string, unknown>,
  news: ProviderInputs,
): Promise<{ outs: RegionalModeOutputs }> {
  const { projectId } = news;
  const stored = storedState(olds);
  const deadline = {
    deadlineAtMs: context.clock.now() + timeoutMs(news, "update"),
    name: "timeouts.update",
    limit: news.timeouts?.update ?? "60m",
  };
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
  } else {
    result = { affectedClusters: stored.affectedClusters, pendingClusters: [] };
  }
  const outs = outputsFrom(news, { ...result, enabled: wanted, enabledAtCreate: stored.enabledAtCreate });
  if (result.waitFailure !== undefined) {
    throw new PartialCreateError(
      `Regional mode is ${onOff(wanted)} in project ${projectId}, but ${result.waitFailure}. The next pulumi up waits again (raise timeouts.update if Atlas is slow).`,
      projectId,
      { ...outs, __provider: news.__provider },
    );
  }
  return { outs };
}
