import { publicSrvString, publicStandardString } from "./cluster-hosts";
import type { ClusterRecord } from "./cluster-record";
import type { PrivateEndpointEntry } from "./private-endpoint-entries";

/**
 * A cluster's `connectionStrings`, the same in every API version, keys in Atlas' (alphabetical) order, with the
 * presence rules of the recordings:
 * - a replica set has `privateEndpoint` only when it has entries; a sharded cluster always has `privateEndpoint` and
 *   `awsPrivateLinkSrv` (`[]` and `{}` without endpoints);
 * - `awsPrivateLink` / `awsPrivateLinkSrv` map each AWS endpoint (`vpce-…`) of the entries to the entry's standard
 *   and SRV strings (the optimized SRV string where there is one), as the docs' filled example does;
 * - a cluster being created has no standard strings yet (`{}` or, sharded, `{awsPrivateLinkSrv: {}, privateEndpoint: []}`).
 */
export function connectionStrings(
  cluster: ClusterRecord,
  stateName: string,
  entries: readonly PrivateEndpointEntry[],
): Record<string, unknown> {
  const sharded = cluster.clusterType === "SHARDED";
  if (stateName === "CREATING") return sharded ? { awsPrivateLinkSrv: {}, privateEndpoint: [] } : {};
  const awsPrivateLink: Record<string, string> = {};
  const awsPrivateLinkSrv: Record<string, string> = {};
  for (const entry of entries) {
    for (const endpoint of entry.endpoints) {
      if (endpoint.providerName !== "AWS") continue;
      awsPrivateLink[endpoint.endpointId] = entry.connectionString;
      awsPrivateLinkSrv[endpoint.endpointId] = entry.srvShardOptimizedConnectionString ?? entry.srvConnectionString;
    }
  }
  const hasAws = Object.keys(awsPrivateLink).length > 0;
  return {
    ...(hasAws ? { awsPrivateLink } : {}),
    ...(hasAws || sharded ? { awsPrivateLinkSrv } : {}),
    ...(entries.length > 0 || sharded ? { privateEndpoint: entries } : {}),
    standard: publicStandardString(cluster),
    standardSrv: publicSrvString(cluster),
  };
}
