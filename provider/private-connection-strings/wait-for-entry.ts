import { isAtlasApiError } from "../atlas/errors";
import type { AtlasCluster } from "../atlas/types";
import type { OperationContext } from "../context/operation-context";
import { errorText } from "../lifecycle/text";
import { waitLimit } from "../lifecycle/timeouts";
import { isWaitCancelled, throwIfCancelled, unlessCancelled } from "../wait/cancelled";
import { connectionStringsPollSchedule } from "../wait/schedule";
import { shown } from "./diagnosis";
import { activityOf, isPublished, pickEntry } from "./entry";
import type { ConnectionStringsInputs } from "./inputs";
import { outputsFrom, type ConnectionStringsOutputs } from "./outputs";
import { readClusterOrExplain } from "./unknown-cluster";
import { diagnosisNow, waitUntilPublished } from "./waits";

/**
 * Reads the cluster and, unless its entry is already there, waits until the cluster lists an entry holding every
 * endpoint id and is `IDLE`, within `timeouts.create` from now (else the engine's `customTimeouts`, else an hour). Says
 * what is missing when it starts, in its progress lines and in a timeout's message. Nothing is created in Atlas, so
 * every failure is a plain error, a cancelled run's included: the next `up` simply waits again.
 */
export async function waitForEntry(
  context: OperationContext,
  inputs: ConnectionStringsInputs,
): Promise<ConnectionStringsOutputs> {
  try {
    return await waitWithin(context, inputs);
  } catch (error) {
    if (!isWaitCancelled(error)) throw error;
    throw new Error(
      `Pulumi was cancelled while waiting for ${inputs.clusterName} to list the private endpoint entry of ${inputs.endpointIds.map(shown).join(", ")}. Nothing was created in Atlas: the next pulumi up waits again.`,
      { cause: error },
    );
  }
}

async function waitWithin(
  context: OperationContext,
  inputs: ConnectionStringsInputs,
): Promise<ConnectionStringsOutputs> {
  const { projectId, clusterName, endpointIds } = inputs;
  const limit = waitLimit(context, inputs, "create");
  const deadlineAtMs = context.clock.now() + limit.ms;
  const ids = endpointIds.map(shown).join(", ");
  // Nothing is read once the run is cancelled, and reads before the wait end at once on a cancel (the poller covers
  // the wait's own).
  throwIfCancelled(context.signal);
  let latest = await unlessCancelled(readClusterOrExplain(context, projectId, clusterName), context.signal);
  if (isPublished(latest, endpointIds)) {
    context.log(`${clusterName} lists the private endpoint entry of ${ids}`);
    return outputsFrom(inputs, latest, pickEntry(latest, endpointIds));
  }
  const missing = await unlessCancelled(diagnosisNow(context, inputs, latest), context.signal);
  context.log(`waiting for ${clusterName} to list the private endpoint entry of ${ids}: ${missing}`);

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
  const failedPolls =
    result.transientErrors === 0
      ? ""
      : `; ${result.transientErrors} of ${result.polls} polls failed, the last with: ${errorText(result.lastError)}`;
  throw new Error(
    `${clusterName} listed no private endpoint entry holding ${ids} within ${limit.text}: ${await diagnosisNow(context, inputs, latest)}${failedPolls}. Nothing was created in Atlas: run pulumi up again once that is done (it waits again), or raise timeouts.create.`,
  );
}
