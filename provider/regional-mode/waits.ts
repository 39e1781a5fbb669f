import type { AtlasClusterSummary } from "../atlas/types";
import type { OperationContext } from "../context/operation-context";
import { waitForVerdict, type StatusVerdict } from "../lifecycle/waiting";
import type { PollResult, WaitWindow } from "../wait/poller";
import { IDLE, unknownState } from "./clusters";

/** Every cluster `IDLE` is ready; anything else is pending (a state not documented is said once). */
function clustersVerdict(clusters: readonly AtlasClusterSummary[]): StatusVerdict {
  if (clusters.every((cluster) => cluster.stateName === IDLE)) return { kind: "ready" };
  const unknown = unknownState(clusters);
  return unknown === undefined ? { kind: "pending" } : { kind: "pending", unknown };
}

/**
 * Polls every cluster of the project (all pages) until each is `IDLE`, waiting out transient errors (429, 5xx, lost
 * connections). Any other error, a 404 of the project included, is thrown.
 */
export function waitUntilClustersIdle(
  context: OperationContext,
  projectId: string,
  window: WaitWindow,
): Promise<PollResult<AtlasClusterSummary[]>> {
  const observe = () => context.client.listAllClusters(projectId);
  return waitForVerdict(context, window, observe, clustersVerdict, `the clusters of project ${projectId}`);
}
