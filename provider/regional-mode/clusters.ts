import type { AtlasClusterSummary } from "../atlas/types";

/** The state of a cluster no change is under way on. */
export const IDLE = "IDLE";

/** Documented cluster states that are on their way somewhere; any other but `IDLE` is waited out too, and logged. */
const KNOWN_BUSY_STATES: readonly string[] = ["CREATING", "UPDATING", "DELETING", "REPAIRING"];

/** True for a cluster Atlas serves as a sharded cluster (`SHARDED`, or a global cluster: `GEOSHARDED`). */
function isSharded(cluster: AtlasClusterSummary): boolean {
  return cluster.clusterType === "SHARDED" || cluster.clusterType === "GEOSHARDED";
}

/** The clusters that are replica sets: regional mode cannot be turned on while a project has one. */
export function replicaSets(clusters: readonly AtlasClusterSummary[]): string[] {
  return clusters.filter((cluster) => !isSharded(cluster)).map((cluster) => cluster.name);
}

/** The cloud regions a cluster's nodes are in, as `<provider> <region>`. */
function regionsOf(cluster: AtlasClusterSummary): Set<string> {
  const regions = new Set<string>();
  for (const spec of cluster.replicationSpecs ?? []) {
    for (const config of spec.regionConfigs ?? []) {
      regions.add(`${String(config.providerName)} ${String(config.regionName)}`);
    }
  }
  return regions;
}

/**
 * The clusters whose connection strings a change of regional mode touches: the multi-region sharded and global
 * clusters (Atlas' docs: their strings change, "which might cause downtime"). Single-region clusters and replica sets
 * keep theirs.
 */
export function affectedClusters(clusters: readonly AtlasClusterSummary[]): string[] {
  return clusters.filter((cluster) => isSharded(cluster) && regionsOf(cluster).size > 1).map((c) => c.name);
}

/** The clusters not `IDLE`, each as `<name> (<state>)`. */
export function busyClusters(clusters: readonly AtlasClusterSummary[]): string[] {
  return clusters.filter((c) => c.stateName !== IDLE).map((c) => `${c.name} (${String(c.stateName)})`);
}

/** The first state that is neither `IDLE` nor a documented busy one, if any (said once, and waited out). */
export function unknownState(clusters: readonly AtlasClusterSummary[]): string | undefined {
  const odd = clusters.find((c) => c.stateName !== IDLE && !KNOWN_BUSY_STATES.includes(String(c.stateName)));
  return odd === undefined ? undefined : String(odd.stateName);
}

/** Names in a sentence: `a`, `a and b`, `a, b and c`. */
export function listed(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1] ?? ""}`;
}
