import { isAtlasApiError, isTransientFailure, type AtlasApiError } from "../atlas/errors";
import type { AtlasClusterSummary } from "../atlas/types";
import { untilDeadline, type OperationContext } from "../context/operation-context";
import { errorText } from "../lifecycle/text";
import type { WaitDeadline } from "../lifecycle/timeouts";
import { isWaitCancelled } from "../wait/cancelled";
import type { PollSchedule } from "../wait/schedule";
import { regionalModePollSchedule, updatePollSchedule } from "../wait/schedule";
import { IDLE, affectedClusters, busyClusters, listed, replicaSets } from "./clusters";
import { endpointLayout, isRefusedLayout, layoutText } from "./layout";
import { waitUntilClustersIdle } from "./waits";

/** How messages name the setting. */
export const SETTING = "regional mode (regionalized private endpoints)";

/** `on` or `off`. */
export const onOff = (enabled: boolean): string => (enabled ? "on" : "off");

/** What a change did once Atlas took it. */
export interface ChangeResult {
  /** The clusters whose connection strings it touches. */
  readonly affectedClusters: readonly string[];
  /** Clusters not `IDLE` when the wait ended (empty when they all were). */
  readonly pendingClusters: readonly string[];
  /** Why the wait did not end well, as a sentence; `undefined` when it did. */
  readonly waitFailure?: string;
  /** True when the wait ended because the run was cancelled (the engine's `Cancel`). */
  readonly cancelled?: boolean;
}

/**
 * Changes the project's regional mode to `enabled`: refuses what Atlas would refuse before any PATCH, PATCHes, then
 * waits until every cluster of the project is `IDLE`. Throws when nothing was changed (a refusal, a failed PATCH, a
 * run cancelled before the PATCH); once Atlas may have taken the change, a failed or cancelled wait comes back in the
 * result, for the caller to record. `journalSlot`, given by a create, is noted in the journal before the PATCH.
 */
export async function changeSetting(
  context: OperationContext,
  projectId: string,
  enabled: boolean,
  deadline: WaitDeadline,
  journalSlot?: string,
): Promise<ChangeResult> {
  context = untilDeadline(context, deadline.deadlineAtMs);
  const clusters = await context.client.listAllClusters(projectId);
  if (enabled) refuseReplicaSets(projectId, clusters);
  else await refuseLayout(context, projectId);
  // No PATCH starts once the run is cancelled.
  if (context.signal?.aborted === true) {
    throw new Error(
      `Pulumi was cancelled before ${SETTING} was turned ${onOff(enabled)} in project ${projectId}; nothing was changed. Run the command again.`,
    );
  }
  const affected = affectedClusters(clusters);
  context.log(
    `turning ${SETTING} ${onOff(enabled)} in project ${projectId}: ${
      affected.length === 0
        ? "no cluster's connection strings change"
        : `the connection strings of ${listed(affected)} change (Atlas warns of downtime while they do)`
    }`,
  );
  if (journalSlot !== undefined) await context.journal?.posting(journalSlot, Date.now());
  const patchedAtMs = context.clock.now();
  await applySetting(context, projectId, enabled);
  if (clusters.length === 0) return { affectedClusters: affected, pendingClusters: [] };
  const waited = await settle(context, projectId, clusters, deadline, patchedAtMs, regionalModePollSchedule());
  return { affectedClusters: affected, ...waited };
}

/** Atlas refuses to turn regional mode on while the project has a replica set: say so, naming them. */
function refuseReplicaSets(projectId: string, clusters: readonly AtlasClusterSummary[]): void {
  const names = replicaSets(clusters);
  if (names.length === 0) return;
  throw new Error(
    `Cannot turn ${SETTING} on in project ${projectId}: Atlas allows it only when every cluster of the project is sharded, and ${listed(names)} ${names.length === 1 ? "is a replica set" : "are replica sets"}. Convert ${names.length === 1 ? "it" : "them"} to sharded clusters, or move ${names.length === 1 ? "it" : "them"} to another project, then run pulumi up again. Nothing was changed.`,
  );
}

/** Atlas refuses to turn regional mode off in some endpoint layouts: say so, with the layout. */
async function refuseLayout(context: OperationContext, projectId: string): Promise<void> {
  const layout = await endpointLayout(context, projectId);
  if (!isRefusedLayout(layout)) return;
  throw new Error(
    `Cannot turn ${SETTING} off in project ${projectId}: Atlas refuses it while one region holds more than one private endpoint and another region holds any, and the project has ${layoutText(layout)}. Delete endpoints until each region holds one, or only one region holds endpoints, then run the command again. Nothing was changed.`,
  );
}

/**
 * The PATCH. Atlas' 409 becomes an error that names the setting and quotes Atlas. When the PATCH fails without a clear
 * answer (5xx, lost connection, after the client's own retries), the setting is read once: if Atlas has the new value,
 * the PATCH took.
 */
async function applySetting(context: OperationContext, projectId: string, enabled: boolean): Promise<void> {
  try {
    await context.client.setRegionalMode(projectId, enabled);
  } catch (error) {
    if (isAtlasApiError(error) && error.category === "conflict") throw atlasRefusal(projectId, enabled, error);
    if (!isTransientFailure(error)) throw error;
    const now = await context.client.getRegionalMode(projectId).catch(() => undefined);
    if (now?.enabled !== enabled) throw error;
    context.log(`the change failed without a clear answer (${errorText(error)}), but Atlas has it: ${onOff(enabled)}`);
  }
}

function atlasRefusal(projectId: string, enabled: boolean, error: AtlasApiError): Error {
  const said = error.detail ?? error.message;
  const rule = enabled
    ? "Atlas allows it only when every cluster of the project is sharded"
    : "Atlas refuses it while one region holds more than one private endpoint and another region holds any";
  return new Error(
    `Atlas refused to turn ${SETTING} ${onOff(enabled)} in project ${projectId}: "${said}" (${error.status ?? 409}${error.errorCode === undefined ? "" : ` ${error.errorCode}`}). ${rule}. Nothing was changed.`,
    { cause: error },
  );
}

/**
 * Waits until every cluster is `IDLE`. A failed or cancelled wait is returned as a sentence, with the clusters still
 * busy at the last look (all of `before` when there was none).
 */
async function settle(
  context: OperationContext,
  projectId: string,
  before: readonly AtlasClusterSummary[],
  deadline: WaitDeadline,
  startedAtMs: number,
  schedule: PollSchedule,
): Promise<Omit<ChangeResult, "affectedClusters">> {
  let seen: readonly AtlasClusterSummary[] | undefined;
  const stillBusy = (): string[] =>
    seen === undefined
      ? before.map((cluster) => cluster.name)
      : seen.filter((c) => c.stateName !== IDLE).map((c) => c.name);
  let result;
  try {
    result = await waitUntilClustersIdle(
      context,
      projectId,
      { startedAtMs, deadlineAtMs: deadline.deadlineAtMs, schedule },
      (clusters) => (seen = clusters),
    );
  } catch (error) {
    if (isWaitCancelled(error)) {
      return {
        pendingClusters: stillBusy(),
        waitFailure: "Pulumi was cancelled while its clusters took it",
        cancelled: true,
      };
    }
    return {
      pendingClusters: stillBusy(),
      waitFailure: `waiting for its clusters to be IDLE failed: ${errorText(error)}`,
    };
  }
  if (result.outcome === "success") {
    context.log(
      `every cluster of project ${projectId} is IDLE after ${Math.round(result.elapsedMs / 1000)} s (${result.polls} polls)`,
    );
    return { pendingClusters: [] };
  }
  const last = (result.outcome === "timeout" ? result.lastValue : result.value) ?? before;
  const busy = last.filter((cluster) => cluster.stateName !== IDLE);
  return {
    pendingClusters: busy.map((cluster) => cluster.name),
    waitFailure: `${listed(busy.map((c) => `${c.name} (${String(c.stateName)})`))} ${busy.length === 1 ? "was" : "were"} not IDLE within ${deadline.text}; ${busy.length === 1 ? "its" : "their"} connection strings may still change`,
  };
}

/**
 * Resumes the wait of a change whose clusters were not all `IDLE` when its wait ended. The change is long under way,
 * so the first look comes soon (the update schedule), not after the 30 s a fresh change gets.
 */
export async function resumeSettling(
  context: OperationContext,
  projectId: string,
  pending: readonly string[],
  deadline: WaitDeadline,
): Promise<Omit<ChangeResult, "affectedClusters">> {
  context.log(`waiting again for ${listed([...pending])} to be IDLE`);
  const before = pending.map((name) => ({ name, stateName: null }));
  return settle(context, projectId, before, deadline, context.clock.now(), updatePollSchedule());
}

/**
 * Follows a change that state does not hold: Atlas already has the value asked for, set by a run of this stack that
 * was interrupted before Pulumi recorded it (or outside Pulumi). Its clusters may still be taking it, so they are
 * waited for as after a change of ours (with the update schedule: the change is under way), and the clusters it
 * touches are those it touches now.
 */
export async function followChange(
  context: OperationContext,
  projectId: string,
  deadline: WaitDeadline,
): Promise<ChangeResult> {
  const clusters = await context.client.listAllClusters(projectId);
  const affected = affectedClusters(clusters);
  const busy = busyClusters(clusters);
  if (busy.length === 0) return { affectedClusters: affected, pendingClusters: [] };
  context.log(`waiting for ${listed(busy)} to be IDLE after that change`);
  const waited = await settle(context, projectId, clusters, deadline, context.clock.now(), updatePollSchedule());
  return { affectedClusters: affected, ...waited };
}
