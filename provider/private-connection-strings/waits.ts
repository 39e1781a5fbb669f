import type { AtlasCluster } from "../atlas/types";
import type { OperationContext } from "../context/operation-context";
import { waitForVerdict, type StatusVerdict } from "../lifecycle/waiting";
import type { PollResult, WaitWindow } from "../wait/poller";
import { diagnose } from "./diagnosis";
import { IDLE, isPublished } from "./entry";
import type { ConnectionStringsInputs } from "./inputs";
import { registeredEndpoints } from "./registered-endpoints";

/** The states Atlas documents for a cluster (`DELETED` only in older docs); any other is logged once. */
const KNOWN_STATES: readonly string[] = [IDLE, "CREATING", "UPDATING", "DELETING", "REPAIRING", "DELETED"];

type Target = Pick<ConnectionStringsInputs, "projectId" | "clusterName" | "endpointIds">;

/** Ready once an entry holds every id and the cluster is `IDLE`; everything else is pending. */
function publishedVerdict(endpointIds: readonly string[]): (cluster: AtlasCluster) => StatusVerdict {
  return (cluster) => {
    if (isPublished(cluster, endpointIds)) return { kind: "ready" };
    const state = cluster.stateName ?? "";
    return KNOWN_STATES.includes(state) ? { kind: "pending" } : { kind: "pending", unknown: state };
  };
}

/**
 * Polls the one cluster (`GET …/clusters/{clusterName}`) until it lists an entry holding every endpoint id and is
 * `IDLE`, waiting out 429s and 5xx. A 404 (the cluster was deleted) is thrown. Each answer goes to `seen` first (the
 * schedule follows the cluster's activity); each progress line ends with {@link diagnosisNow}.
 */
export function waitUntilPublished(
  context: OperationContext,
  target: Target,
  window: WaitWindow,
  seen: (cluster: AtlasCluster) => void,
): Promise<PollResult<AtlasCluster>> {
  const observe = async (): Promise<AtlasCluster> => {
    const cluster = await context.client.getCluster(target.projectId, target.clusterName);
    seen(cluster);
    return cluster;
  };
  return waitForVerdict(
    context,
    window,
    observe,
    publishedVerdict(target.endpointIds),
    `the private strings of ${target.clusterName}`,
    (cluster) => diagnosisNow(context, target, cluster),
  );
}

/**
 * What is missing now, with where the project's endpoints are registered (one request per cloud involved); when that
 * lookup fails, judged from the cluster's answer alone. Never throws.
 */
export async function diagnosisNow(context: OperationContext, target: Target, cluster: AtlasCluster): Promise<string> {
  let registered;
  try {
    registered = await registeredEndpoints(context.client, target.projectId, cluster, target.endpointIds);
  } catch {
    registered = undefined;
  }
  return diagnose(cluster, target.endpointIds, registered);
}
