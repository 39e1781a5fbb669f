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
 * connections). Any other error, a 404 of the project included, is thrown; so is a cancelled run's
 * `WaitCancelledError`. `seen` hears each list, so a wait that ends by an error still knows what it last saw.
 */
export function waitUntilClustersIdle(
  context: OperationContext,
  projectId: string,
  window: WaitWindow,
  seen: (clusters: readonly AtlasClusterSummary[]) => void = () => undefined,
): Promise<PollResult<AtlasClusterSummary[]>> {
  const observe = async () => {
    const clusters = await context.client.listAllClusters(projectId);
    seen(clusters);
    return clusters;
  };
  return waitForVerdict(context, window, observe, clustersVerdict, `the clusters of project ${projectId}`);
}
