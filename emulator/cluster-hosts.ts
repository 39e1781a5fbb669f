import type { ProviderName } from "../regions/regions";
import type { ClusterRegion } from "./cluster-declaration";
import type { ClusterRecord } from "./cluster-record";

/** The domain of every host name, as in Atlas' docs (the recordings show the dev deployment's `mongodb-dev.net`). */
const DOMAIN = "mongodb.net";
/** The first port of a private endpoint string: "1024 through 65535, but typically starts with 1024" (AWS docs). */
const FIRST_PRIVATE_PORT = 1024;

/** `<subdomain>.mongodb.net` of a cluster. */
function domainOf(cluster: ClusterRecord): string {
  return `${cluster.subdomain}.${DOMAIN}`;
}

/** The label of private endpoint SRV hosts: `pl` (AWS, Azure), `psc` (GCP Private Service Connect). */
function linkLabel(provider: ProviderName): string {
  return provider === "GCP" ? "psc" : "pl";
}

/** The suffix of a region's load balancer host, as the docs' examples show (`pl-0-westeurope-azure`, `pl-0-us-east1-gcp`). */
function regionHostSuffix(provider: ProviderName): string {
  switch (provider) {
    case "AWS":
      return "";
    case "AZURE":
      return "-azure";
    case "GCP":
      return "-gcp";
  }
}

/** The standard-string options: replica sets name their replica set, sharded clusters (mongos) do not. */
function options(cluster: ClusterRecord): string {
  const base = "?ssl=true&authSource=admin";
  return cluster.clusterType === "REPLICASET" ? `${base}&replicaSet=${cluster.replicaSetName}` : base;
}

/**
 * A `mongodb://` string over the load balancer hosts of `regions` (one host per region, `pl-<index>-<region>`), each
 * node its own port, numbered from 1024 across the whole string.
 */
export function privateStandardString(
  cluster: ClusterRecord,
  regions: readonly ClusterRegion[],
  index: number,
): string {
  let port = FIRST_PRIVATE_PORT;
  const hosts: string[] = [];
  for (const region of regions) {
    const host = `pl-${index}-${region.nativeRegion}${regionHostSuffix(region.provider)}.${domainOf(cluster)}`;
    for (let node = 0; node < region.nodeCount; node++) hosts.push(`${host}:${port++}`);
  }
  return `mongodb://${hosts.join(",")}/${options(cluster)}`;
}

/**
 * The SRV host label of a private endpoint entry: `<name>-pl-<index>` (GCP `-psc-`), regionalized
 * `<name>-pl-0-<region>`.
 */
export function privateSrvLabel(
  cluster: ClusterRecord,
  provider: ProviderName,
  index: number,
  region?: ClusterRegion,
): string {
  const base = `${cluster.name.toLowerCase()}-${linkLabel(provider)}-${index}`;
  return region === undefined ? base : `${base}-${region.nativeRegion}`;
}

/** `mongodb+srv://<label>.<subdomain>.mongodb.net`. */
export function srvString(cluster: ClusterRecord, label: string): string {
  return `mongodb+srv://${label}.${domainOf(cluster)}`;
}

/** Nodes listed by the public standard string: 3 config servers then the first shard's nodes, or the replica set's. */
function publicHosts(cluster: ClusterRecord): string[] {
  const name = cluster.name.toLowerCase();
  const nodes = cluster.regions.reduce((sum, r) => sum + r.nodeCount, 0);
  const shardHosts = Array.from({ length: nodes }, (_, i) => `${name}-shard-00-${pad(i)}.${domainOf(cluster)}`);
  if (cluster.clusterType === "REPLICASET") return shardHosts.map((h) => `${h}:27017`);
  const configHosts = Array.from({ length: 3 }, (_, i) => `${name}-config-00-${pad(i)}.${domainOf(cluster)}`);
  return [...configHosts, ...shardHosts].map((h) => `${h}:27016`);
}

/** The public `mongodb://` hosts without options (the legacy `mongoURI`). */
export function publicHostList(cluster: ClusterRecord): string {
  return `mongodb://${publicHosts(cluster).join(",")}`;
}

/** The public `standard` string, as recorded (replica sets on 27017, sharded clusters' config and shard nodes on 27016). */
export function publicStandardString(cluster: ClusterRecord): string {
  return `${publicHostList(cluster)}/${options(cluster)}`;
}

/** The public `standardSrv` string. */
export function publicSrvString(cluster: ClusterRecord): string {
  return srvString(cluster, cluster.name.toLowerCase());
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
