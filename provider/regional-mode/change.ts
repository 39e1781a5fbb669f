import { isAtlasApiError, isTransientFailure, type AtlasApiError } from "../atlas/errors";
import type { AtlasClusterSummary } from "../atlas/types";
import type { OperationContext } from "../context/operation-context";
import { errorText } from "../lifecycle/text";
import type { PollSchedule } from "../wait/schedule";
import { regionalModePollSchedule, updatePollSchedule } from "../wait/schedule";
import { IDLE, affectedClusters, listed, replicaSets } from "./clusters";
import { endpointLayout, isRefusedLayout, layoutText } from "./layout";
import { waitUntilClustersIdle } from "./waits";

/** How messages name the setting. */
export const SETTING = "regional mode (regionalized private endpoints)";

/** `on` or `off`. */
export const onOff = (enabled: boolean): string => (enabled ? "on" : "off");

/** Which deadline a change runs under, and how long it is, for messages. */
export interface ChangeDeadline {
  readonly deadlineAtMs: number;
  /** `timeouts.create`, `timeouts.update` or `timeouts.delete`. */
  readonly name: string;
  /** As the user wrote it (or the default), e.g. `60m`. */
  readonly limit: string;
}

/** What a change did once Atlas took it. */
export interface ChangeResult {
  /** The clusters whose connection strings it touches. */
  readonly affectedClusters: readonly string[];
  /** Clusters not `IDLE` when the wait ended (empty when they all were). */
  readonly pendingClusters: readonly string[];
  /** Why the wait did not end well, as a sentence; `undefined` when it did. */
  readonly waitFailure?: string;
}

/**
 * Changes the project's regional mode to `enabled`: refuses what Atlas would refuse before any PATCH, PATCHes, then
 * waits until every cluster of the project is `IDLE`. Throws when nothing was changed (a refusal, a failed PATCH);
 * once Atlas took the change, a failed wait comes back in the result, for the caller to record.
 */
export async function changeSetting(
  context: OperationContext,
  projectId: string,
  enabled: boolean,
  deadline: ChangeDeadline,
): Promise<ChangeResult> {
  const clusters = await context.client.listAllClusters(projectId);
  if (enabled) refuseReplicaSets(projectId, clusters);
  else await refuseLayout(context, projectId);
  const affected = affectedClusters(clusters);
  context.log(
    `turning ${SETTING} ${onOff(enabled)} in project ${projectId}: ${
      affected.length === 0
        ? "no cluster's connection strings change"
        : `the connection strings of ${listed(affected)} change (Atlas warns of downtime while they do)`
    }`,
  );
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

/** Waits until every cluster is `IDLE`; a failed wait is returned as a sentence with the clusters still busy. */
async function settle(
  context: OperationContext,
  projectId: string,
  before: readonly AtlasClusterSummary[],
  deadline: ChangeDeadline,
  startedAtMs: number,
  schedule: PollSchedule,
): Promise<Omit<ChangeResult, "affectedClusters">> {
  let result;
  try {
    result = await waitUntilClustersIdle(context, projectId, {
      startedAtMs,
      deadlineAtMs: deadline.deadlineAtMs,
      schedule,
    });
  } catch (error) {
    return {
      pendingClusters: before.map((cluster) => cluster.name),
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
    waitFailure: `${listed(busy.map((c) => `${c.name} (${String(c.stateName)})`))} ${busy.length === 1 ? "was" : "were"} not IDLE within ${deadline.name} (${deadline.limit}); ${busy.length === 1 ? "its" : "their"} connection strings may still change`,
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
  deadline: ChangeDeadline,
): Promise<Omit<ChangeResult, "affectedClusters">> {
  context.log(`waiting again for ${listed([...pending])} to be IDLE`);
  const before = pending.map((name) => ({ name, stateName: null }));
  return settle(context, projectId, before, deadline, context.clock.now(), updatePollSchedule());
}
