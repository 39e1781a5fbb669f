import type { AtlasCluster, AtlasPrivateEndpointEntry } from "../atlas/types";
import { sameEndpointId } from "../lifecycle/endpoint-ids";
import type { ClusterActivity } from "../wait/schedule";

/** The state in which Atlas is done with a cluster: the only one in which an entry is taken as final. */
export const IDLE = "IDLE";

/** A region a cluster has nodes in, as Atlas spells it. */
export interface ClusterRegion {
  readonly providerName: string;
  readonly region: string;
}

/** The regions the cluster has nodes in, once each, in Atlas' order (highest priority first). */
export function clusterRegionsOf(cluster: AtlasCluster): ClusterRegion[] {
  const regions: ClusterRegion[] = [];
  for (const spec of cluster.replicationSpecs ?? []) {
    for (const config of spec.regionConfigs ?? []) {
      // Shared tiers say TENANT and name the cloud in backingProviderName.
      const providerName =
        config.providerName === "TENANT" ? (config.backingProviderName ?? undefined) : config.providerName;
      const region = config.regionName;
      if (typeof providerName !== "string" || typeof region !== "string") continue;
      if (regions.some((r) => r.providerName === providerName && r.region === region)) continue;
      regions.push({ providerName, region });
    }
  }
  return regions;
}

/** The cluster's private endpoint entries (none when Atlas sends no `privateEndpoint` key). */
export function entriesOf(cluster: AtlasCluster): readonly AtlasPrivateEndpointEntry[] {
  return cluster.connectionStrings?.privateEndpoint ?? [];
}

/** The cloud endpoint ids an entry holds. */
export function idsOf(entry: AtlasPrivateEndpointEntry): string[] {
  return (entry.endpoints ?? []).flatMap((e) => (typeof e.endpointId === "string" ? [e.endpointId] : []));
}

/** True when `ids` holds `id` (ARM ids compared without case, as Azure does). */
export function holds(ids: readonly string[], id: string): boolean {
  return ids.some((held) => sameEndpointId(held, id));
}

/**
 * The entry for `endpointIds`: the first, in Atlas' order, whose endpoints hold every one of them. A single-region
 * cluster has one entry per endpoint; a multi-region one an entry holding one endpoint per region (or, with regional
 * mode, one per region): giving any of an entry's ids picks it, giving ids of two entries picks none.
 */
export function pickEntry(
  cluster: AtlasCluster,
  endpointIds: readonly string[],
): AtlasPrivateEndpointEntry | undefined {
  return entriesOf(cluster).find((entry) => endpointIds.every((id) => holds(idsOf(entry), id)));
}

/** Done: an entry holds every id and the cluster is `IDLE` (Atlas may still change an entry while it is not). */
export function isPublished(cluster: AtlasCluster, endpointIds: readonly string[]): boolean {
  return cluster.stateName === IDLE && pickEntry(cluster, endpointIds) !== undefined;
}

/** Whether Atlas is changing the cluster (any state but `IDLE`), which decides how often the wait polls. */
export function activityOf(cluster: AtlasCluster): ClusterActivity {
  return cluster.stateName === IDLE ? "steady" : "moving";
}
