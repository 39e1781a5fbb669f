import * as pulumi from "@pulumi/pulumi";
import { regionalLinks, type RegionLink } from "./atlas";
import { vpcEndpointIn } from "./vpc-endpoint";

const config = new pulumi.Config();
const projectId = config.require("projectId");
/** A multi-region sharded cluster (regional mode allows no replica set in the project). */
const clusterName = config.require("clusterName");
/** Every AWS region the cluster has nodes in. */
const regions = config.getObject<string[]>("regions") ?? ["us-east-1", "eu-west-1"];
/** One /16 per region, in the order of `regions`; default 10.0.0.0/16, 10.1.0.0/16, … */
const vpcCidrs = config.getObject<string[]>("vpcCidrs") ?? regions.map((_, index) => `10.${index}.0.0/16`);

const atlas = regionalLinks({
  projectId,
  clusterName,
  regions,
  vpcEndpoint: (region, index, endpointServiceName) => {
    const vpcCidr = vpcCidrs[index];
    if (vpcCidr === undefined) throw new Error(`config vpcCidrs has no CIDR for ${region} (regions[${index}])`);
    return vpcEndpointIn(region, vpcCidr, endpointServiceName);
  },
});

/** One output per region, keyed by the region. */
function byRegion<T>(pick: (link: RegionLink) => pulumi.Output<T>): Record<string, pulumi.Output<T>> {
  return Object.fromEntries(atlas.regions.map((link) => [link.region, pick(link)]));
}

/** What an application in each region connects with, from inside that region's VPC: its region's mongos. */
export const mongoUris = byRegion((link) => link.strings.srvConnectionString);
/** The load-balanced SRV string per region (sharded AWS clusters with regional mode on). */
export const shardOptimizedUris = byRegion((link) => link.strings.srvShardOptimizedConnectionString);
/** The interface endpoints registered with Atlas, one per region. */
export const vpcEndpointIds = byRegion((link) => link.link.endpointServiceId);
/** `AVAILABLE` once each region's link is up. */
export const connectionStatuses = byRegion((link) => link.link.awsConnectionStatus);
/** The project's regional mode: on. */
export const regionalMode = atlas.regionalMode.enabled;
