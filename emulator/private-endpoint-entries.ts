import type { ProviderName } from "../regions/regions";
import type { ClusterRegion } from "./cluster-declaration";
import { privateSrvLabel, privateStandardString, srvString } from "./cluster-hosts";
import type { ClusterRecord } from "./cluster-record";
import type { EndpointLink } from "./endpoint-link";

/** One cloud endpoint of an entry, keys in Atlas' (alphabetical) order. */
export interface PrivateEndpointRef {
  readonly endpointId: string;
  readonly providerName: ProviderName;
  /** Atlas spelling. */
  readonly region: string;
}

/**
 * One `connectionStrings.privateEndpoint[]` entry, keys in Atlas' order. `srvShardOptimizedConnectionString` is left
 * out where Atlas has none (its absence versus an empty value was never recorded).
 */
export interface PrivateEndpointEntry {
  readonly connectionString: string;
  readonly endpoints: readonly PrivateEndpointRef[];
  readonly srvConnectionString: string;
  readonly srvShardOptimizedConnectionString?: string;
  readonly type: "MONGOD" | "MONGOS";
}

/** True for clusters whose strings regional mode changes: multi-region sharded (and global) clusters. */
export function isRegionalModeAffected(cluster: ClusterRecord): boolean {
  return cluster.clusterType === "SHARDED" && cluster.regions.length > 1;
}

/**
 * The entries Atlas publishes for `cluster` when `available` are the `AVAILABLE` registrations of its project (in
 * creation order) and regional mode is `regionalized`:
 * - none until every region of the cluster has an endpoint (spec: "returns only if you deployed a private endpoint to
 *   all regions to which you deployed this clusters' nodes");
 * - single region: one entry per endpoint there, `pl-0`, `pl-1`, …;
 * - several regions, regional mode on (sharded): one entry per region holding that region's endpoints, with
 *   `-pl-0-<region>` hosts;
 * - several regions otherwise: one entry whose `endpoints` hold the one endpoint of each region (INFERRED), and none
 *   when a region holds more than one (a layout Atlas allows only with regional mode).
 */
export function privateEndpointEntries(
  cluster: ClusterRecord,
  available: readonly EndpointLink[],
  regionalized: boolean,
): PrivateEndpointEntry[] {
  const byRegion = cluster.regions.map((region) =>
    available.filter((l) => l.provider === region.provider && l.regionName === region.regionName),
  );
  if (byRegion.some((links) => links.length === 0)) return [];
  const [first] = cluster.regions;
  if (first === undefined) return [];
  if (cluster.regions.length === 1) {
    return (byRegion[0] ?? []).map((link, index) => entry(cluster, [first], [link], index, undefined));
  }
  if (regionalized && isRegionalModeAffected(cluster)) {
    return cluster.regions.map((region, i) => entry(cluster, [region], byRegion[i] ?? [], 0, region));
  }
  if (byRegion.some((links) => links.length > 1)) return [];
  return [entry(cluster, cluster.regions, byRegion.flat(), 0, undefined)];
}

/** An entry over `regions` for `links`; `regional` names the region of a regionalized entry. */
function entry(
  cluster: ClusterRecord,
  regions: readonly ClusterRegion[],
  links: readonly EndpointLink[],
  index: number,
  regional: ClusterRegion | undefined,
): PrivateEndpointEntry {
  const provider = (regions[0] as ClusterRegion).provider;
  const label = privateSrvLabel(cluster, provider, index, regional);
  const sharded = cluster.clusterType === "SHARDED";
  // Optimized strings: sharded AWS clusters, single-region or regionalized (the docs' rule); the host adds `-lb`.
  const optimized = sharded && provider === "AWS" && (regions.length === 1 || regional !== undefined);
  return {
    connectionString: privateStandardString(cluster, regions, index),
    endpoints: links.map((l) => ({ endpointId: l.record.endpointId, providerName: l.provider, region: l.regionName })),
    srvConnectionString: srvString(cluster, label),
    ...(optimized ? { srvShardOptimizedConnectionString: srvString(cluster, `${label}-lb`) } : {}),
    type: sharded ? "MONGOS" : "MONGOD",
  };
}
