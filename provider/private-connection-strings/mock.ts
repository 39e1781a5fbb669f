import { toNativeRegion, type ProviderName } from "../../regions/regions";
import type { AtlasCluster, AtlasPrivateEndpointEntry } from "../atlas/types";
import { endpointIdProvider } from "../lifecycle/endpoint-ids";
import { SeededNames } from "../lifecycle/seeded-names";
import type { ConnectionStringsInputs } from "./inputs";
import { outputsFrom, type ConnectionStringsOutputs } from "./outputs";
import { connectionStringsId } from "./refs";

/** Seeds the names of mocked entries (the dynamic type token, like the other resources' mocks). */
const SEED = "pulumi-nodejs:dynamic/mongodbatlas:PrivateConnectionStrings";

/** The regions mocked endpoints are in, per cloud, in the order a cloud's ids are given. */
const MOCK_REGIONS: Readonly<Record<ProviderName, readonly string[]>> = {
  AWS: ["US_EAST_1", "EU_WEST_1", "AP_SOUTHEAST_1"],
  AZURE: ["US_EAST_2", "EUROPE_WEST", "ASIA_SOUTH_EAST"],
  GCP: ["CENTRAL_US", "WESTERN_EUROPE", "ASIAN_PACIFIC"],
};

/** What a published entry stores, for the testing kit's mocks. */
export function readyConnectionStrings(
  name: string,
  inputs: ConnectionStringsInputs,
): { id: string; outs: ConnectionStringsOutputs } {
  const cluster = publishedCluster(name, inputs);
  return {
    id: connectionStringsId(inputs),
    outs: outputsFrom(inputs, cluster, cluster.connectionStrings?.privateEndpoint?.[0]),
  };
}

/**
 * An `IDLE` replica set with one entry holding the given endpoints, as Atlas answers once it published it: one region
 * per endpoint (its cloud from the id's form; regions from {@link MOCK_REGIONS}), host names in the documented
 * formats, 3 nodes in the first region and 2 in each other, names drawn from `name`.
 */
function publishedCluster(name: string, inputs: ConnectionStringsInputs): AtlasCluster {
  const seeded = new SeededNames(`${SEED}/${name}`);
  const domain = `${seeded.lowerAlnum(5)}.mongodb.net`;
  const replicaSet = `atlas-${seeded.lowerAlnum(6)}-shard-0`;
  const used: Record<ProviderName, number> = { AWS: 0, AZURE: 0, GCP: 0 };
  const endpoints = inputs.endpointIds.map((endpointId) => {
    const providerName = endpointIdProvider(endpointId) ?? "AWS";
    const choices = MOCK_REGIONS[providerName];
    const region = choices[used[providerName]++ % choices.length] ?? "US_EAST_1";
    return { endpointId, providerName, region };
  });
  let port = 1024;
  const hosts = endpoints.flatMap(({ providerName, region }, index) => {
    const suffix = providerName === "AWS" ? "" : providerName === "AZURE" ? "-azure" : "-gcp";
    const host = `pl-0-${toNativeRegion(providerName, region) ?? region.toLowerCase()}${suffix}.${domain}`;
    return Array.from({ length: index === 0 ? 3 : 2 }, () => `${host}:${port++}`);
  });
  const label = endpoints[0]?.providerName === "GCP" ? "psc" : "pl";
  const entry: AtlasPrivateEndpointEntry = {
    connectionString: `mongodb://${hosts.join(",")}/?ssl=true&authSource=admin&replicaSet=${replicaSet}`,
    endpoints,
    srvConnectionString: `mongodb+srv://${inputs.clusterName.toLowerCase()}-${label}-0.${domain}`,
    type: "MONGOD",
  };
  return {
    name: inputs.clusterName,
    stateName: "IDLE",
    clusterType: "REPLICASET",
    paused: false,
    connectionStrings: {
      privateEndpoint: [entry],
      standardSrv: `mongodb+srv://${inputs.clusterName.toLowerCase()}.${domain}`,
    },
    replicationSpecs: [
      { regionConfigs: endpoints.map((e) => ({ providerName: e.providerName, regionName: e.region })) },
    ],
  };
}
