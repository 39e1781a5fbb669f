import * as pulumi from "@pulumi/pulumi";
import {
  PrivateConnectionStrings,
  PrivateEndpoint,
  PrivateEndpointRegionalMode,
  PrivateEndpointService,
} from "pulumi-atlas-private-endpoint";

/**
 * Makes the cloud endpoint in `region` that connects to Atlas' service there (`endpointServiceName`, known once the
 * service is ready) and answers its id: `vpc-endpoint.ts` makes a VPC and an interface endpoint.
 */
export type VpcEndpointIn = (
  region: string,
  index: number,
  endpointServiceName: pulumi.Output<string>,
) => pulumi.Input<string>;

/** What {@link regionalLinks} builds on. */
export interface RegionalLinksArgs {
  readonly projectId: string;
  /** A multi-region sharded cluster with nodes in each of `regions`. */
  readonly clusterName: string;
  /** Every AWS region the cluster has nodes in, each once. */
  readonly regions: readonly string[];
  readonly vpcEndpoint: VpcEndpointIn;
}

/** One region's link and the regionalized strings over it. */
export interface RegionLink {
  readonly region: string;
  readonly service: PrivateEndpointService;
  readonly link: PrivateEndpoint;
  readonly strings: PrivateConnectionStrings;
}

/**
 * The Atlas side of a multi-region cluster over private endpoints: the project's regional mode on, then in each region
 * an endpoint service, the cloud endpoint `vpcEndpoint` makes, its registration, and the cluster's connection strings
 * over that region's endpoint. With regional mode on, each region's endpoint connects to the mongos of that region and
 * Atlas lists one entry per region, so each region gets its own string.
 */
export function regionalLinks(args: RegionalLinksArgs): {
  regionalMode: PrivateEndpointRegionalMode;
  regions: RegionLink[];
} {
  const { projectId, clusterName, regions } = args;
  const repeated = regions.find((region, index) => regions.indexOf(region) !== index);
  if (regions.length === 0 || repeated !== undefined) {
    throw new Error(
      `config regions must list each region the cluster has nodes in once, e.g. ["us-east-1", "eu-west-1"]; got ${JSON.stringify(regions)}`,
    );
  }

  // Refused before any change while the project has a replica set (Atlas allows regional mode with sharded clusters
  // only). Turning it on changes the strings of the project's multi-region sharded clusters, and waits for them.
  const regionalMode = new PrivateEndpointRegionalMode("regional-mode", { projectId, enabled: true });

  const links = regions.map((region, index): RegionLink => {
    const service = new PrivateEndpointService(`atlas-aws-${region}`, { projectId, providerName: "AWS", region });
    // Atlas sets `endpointServiceName` for every AWS service that is ready, which creating the resource waits for.
    const endpointServiceName = service.endpointServiceName.apply((name) => {
      if (name === null) throw new Error(`Atlas reported no endpointServiceName for the service in ${region}`);
      return name;
    });
    const link = new PrivateEndpoint(`atlas-link-${region}`, {
      projectId,
      providerName: "AWS",
      privateLinkId: service.privateLinkId,
      endpointServiceId: args.vpcEndpoint(region, index, endpointServiceName),
    });
    // The entry of this region's endpoint. After regional mode, so that it is the regionalized entry: before, the
    // cluster lists one entry holding every region's endpoint, which this id would pick as well.
    const strings = new PrivateConnectionStrings(
      `atlas-uri-${region}`,
      { projectId, clusterName, endpointIds: [link.endpointServiceId] },
      { dependsOn: [regionalMode] },
    );
    return { region, service, link, strings };
  });
  return { regionalMode, regions: links };
}
