import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PrivateConnectionStrings, PrivateEndpoint, PrivateEndpointService } from "pulumi-atlas-private-endpoint";

const config = new pulumi.Config();
const projectId = config.require("projectId");
/** The cluster the application connects to. */
const clusterName = config.require("clusterName");
/**
 * Every AWS region the cluster has nodes in: Atlas publishes a private connection string only once each of them has
 * an endpoint, so the program makes one private link per region (a VPC, its endpoint, Atlas' service and the
 * registration). Default: the stack's `aws:region`, for a single-region cluster.
 */
const regions = config.getObject<string[]>("regions") ?? [aws.config.region ?? "us-east-1"];
/** One /16 per region, in the order of `regions`; default 10.0.0.0/16, 10.1.0.0/16, … */
const vpcCidrs = config.getObject<string[]>("vpcCidrs") ?? regions.map((_, index) => `10.${index}.0.0/16`);

/** A complete private link from a new VPC in `region` to Atlas: what `PrivateConnectionStrings` needs there. */
function privateLink(region: string, index: number): { link: PrivateEndpoint; vpcEndpoint: aws.ec2.VpcEndpoint } {
  const vpcCidr = vpcCidrs[index];
  if (vpcCidr === undefined) throw new Error(`config vpcCidrs has no CIDR for ${region} (regions[${index}])`);
  // Resources name their region so that one stack can hold a link in each region of a multi-region cluster.
  const name = (what: string): string => (regions.length === 1 ? what : `${what}-${region}`);

  // The Atlas service must be in the region of the VPC that connects to it.
  const service = new PrivateEndpointService(name("atlas-aws"), { projectId, providerName: "AWS", region });
  // Atlas sets `endpointServiceName` for every AWS service that is ready, which creating the resource waits for.
  const endpointServiceName = service.endpointServiceName.apply((serviceName) => {
    if (serviceName === null) throw new Error(`Atlas reported no endpointServiceName for the service in ${region}`);
    return serviceName;
  });

  const vpc = new aws.ec2.Vpc(name("atlas-vpc"), {
    region,
    cidrBlock: vpcCidr,
    // Atlas' private connection strings resolve through the endpoint's private DNS names.
    enableDnsSupport: true,
    enableDnsHostnames: true,
    tags: { Name: name("atlas-privatelink") },
  });

  // Two subnets in two zones, so the interface endpoint survives the loss of one zone.
  const zoneNames = aws.getAvailabilityZonesOutput({ region, state: "available" }).names;
  const subnets = [0, 1].map(
    (zone) =>
      new aws.ec2.Subnet(name(`atlas-subnet-${zone}`), {
        region,
        vpcId: vpc.id,
        cidrBlock: subnetCidr(vpcCidr, zone),
        availabilityZone: zoneNames.apply((names) => {
          const zoneName = names[zone];
          if (zoneName === undefined) throw new Error(`${region} has fewer than ${zone + 1} available zones`);
          return zoneName;
        }),
        tags: { Name: name(`atlas-privatelink-${zone}`) },
      }),
  );

  // Atlas' nodes listen on 27017 and, behind PrivateLink, on one port per node from 1024 up.
  const securityGroup = new aws.ec2.SecurityGroup(name("atlas-endpoint"), {
    region,
    vpcId: vpc.id,
    description: "MongoDB Atlas over PrivateLink, from inside the VPC",
    ingress: [
      { description: "MongoDB", protocol: "tcp", fromPort: 27017, toPort: 27017, cidrBlocks: [vpc.cidrBlock] },
      {
        description: "Atlas PrivateLink node ports",
        protocol: "tcp",
        fromPort: 1024,
        toPort: 65535,
        cidrBlocks: [vpc.cidrBlock],
      },
    ],
  });

  const vpcEndpoint = new aws.ec2.VpcEndpoint(name("atlas-endpoint"), {
    region,
    vpcId: vpc.id,
    serviceName: endpointServiceName,
    vpcEndpointType: "Interface",
    subnetIds: subnets.map((subnet) => subnet.id),
    securityGroupIds: [securityGroup.id],
  });

  // The second half of the link: register the VPC endpoint with the Atlas service. Atlas accepts the endpoint's
  // connection, and `pulumi up` waits until the link is AVAILABLE. Mind the official names: `privateLinkId` is Atlas'
  // service, `endpointServiceId` is the cloud's endpoint.
  const link = new PrivateEndpoint(name("atlas-aws-link"), {
    projectId,
    providerName: "AWS",
    privateLinkId: service.privateLinkId,
    endpointServiceId: vpcEndpoint.id,
  });
  return { link, vpcEndpoint };
}

const links = regions.map(privateLink);

// What the links are for: the cluster's connection string over them. It waits until Atlas lists the entry holding
// these endpoints (for a multi-region cluster, one entry with an endpoint per region) and the cluster is IDLE; while
// it waits, it says which endpoints are not linked yet and which regions still have none.
const strings = new PrivateConnectionStrings("atlas-uri", {
  projectId,
  clusterName,
  endpointIds: links.map(({ link }) => link.endpointServiceId),
});

/** What the application connects with, from inside the VPCs: the cluster's SRV string over the private endpoints. */
export const mongoUri = strings.srvConnectionString;
/** The interface endpoints registered with Atlas, one per region. */
export const vpcEndpointIds = links.map(({ vpcEndpoint }) => vpcEndpoint.id);
/** `AVAILABLE` once each link is up. */
export const connectionStatuses = links.map(({ link }) => link.awsConnectionStatus);

/** The `index`-th /24 of the VPC's /16, counting from 1: 10.0.0.0/16 gives 10.0.1.0/24 for index 0. */
function subnetCidr(vpcCidrBlock: string, index: number): string {
  const [first, second] = vpcCidrBlock.split(".");
  if (first === undefined || second === undefined || !vpcCidrBlock.endsWith(".0.0/16")) {
    throw new Error(`config vpcCidrs holds "${vpcCidrBlock}"; use /16 blocks such as 10.0.0.0/16`);
  }
  return `${first}.${second}.${index + 1}.0/24`;
}
