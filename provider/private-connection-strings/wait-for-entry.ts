import { isAtlasApiError } from "../atlas/errors";
import type { AtlasCluster } from "../atlas/types";
import type { OperationContext } from "../context/operation-context";
import { errorText } from "../lifecycle/text";
import { timeoutMs } from "../lifecycle/timeouts";
import { connectionStringsPollSchedule } from "../wait/schedule";
import { shown } from "./diagnosis";
import { activityOf, isPublished, pickEntry } from "./entry";
import type { ConnectionStringsInputs } from "./inputs";
import { outputsFrom, type ConnectionStringsOutputs } from "./outputs";
import { readClusterOrExplain } from "./unknown-cluster";
import { diagnosisNow, waitUntilPublished } from "./waits";

/**
 * Reads the cluster and, unless its entry is already there, waits until the cluster lists an entry holding every
 * endpoint id and is `IDLE`, within `timeouts.create` from now. Says what is missing when it starts, in its progress
 * lines and in a timeout's message. Nothing is created in Atlas, so every failure is a plain error: the next `up`
 * simply waits again.
 */
export async function waitForEntry(
  context: OperationContext,
  inputs: ConnectionStringsInputs,
): Promise<ConnectionStringsOutputs> {
  const { projectId, clusterName, endpointIds } = inputs;
  const deadlineAtMs = context.clock.now() + timeoutMs(inputs, "create");
  const ids = endpointIds.map(shown).join(", ");
  let latest = await readClusterOrExplain(context, projectId, clusterName);
  if (isPublished(latest, endpointIds)) {
    context.log(`${clusterName} lists the private endpoint entry of ${ids}`);
    return outputsFrom(inputs, latest, pickEntry(latest, endpointIds));
  }
  context.log(
    `waiting for ${clusterName} to list the private endpoint entry of ${ids}: ${await diagnosisNow(context, inputs, latest)}`,
  );

  const seen = (cluster: AtlasCluster): void => {
    latest = cluster;
  };
  const schedule = connectionStringsPollSchedule(() => activityOf(latest));
  let result;
  try {
    result = await waitUntilPublished(
      context,
      inputs,
      { startedAtMs: context.clock.now(), deadlineAtMs, schedule },
      seen,
    );
  } catch (error) {
    if (isAtlasApiError(error) && error.category === "not-found") {
      throw new Error(
        `${clusterName} disappeared from project ${projectId} while waiting for its private strings (${error.message}). Nothing was created in Atlas; check clusterName, then run pulumi up again.`,
        { cause: error },
      );
    }
    throw error;
  }
  if (result.outcome === "success") {
    context.log(
      `${clusterName} lists the private endpoint entry of ${ids} after ${Math.round(result.elapsedMs / 1000)} s (${result.polls} polls)`,
    );
    return outputsFrom(inputs, result.value, pickEntry(result.value, endpointIds));
  }
  // The verdict never fails: anything but success is the deadline.
  if (result.outcome === "failure") throw new Error(result.reason);
  const limit = inputs.timeouts?.create ?? "60m";
  const failedPolls =
    result.transientErrors === 0
      ? ""
      : `; ${result.transientErrors} of ${result.polls} polls failed, the last with: ${errorText(result.lastError)}`;
  throw new Error(
    `${clusterName} listed no private endpoint entry holding ${ids} within timeouts.create (${limit}): ${await diagnosisNow(context, inputs, latest)}${failedPolls}. Nothing was created in Atlas: run pulumi up again once that is done (it waits again), or raise timeouts.create.`,
  );
}
