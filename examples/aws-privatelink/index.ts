import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PrivateEndpoint, PrivateEndpointService } from "pulumi-atlas-private-endpoint";

const config = new pulumi.Config();
const projectId = config.require("projectId");
const vpcCidr = config.get("vpcCidr") ?? "10.0.0.0/16";

// The Atlas service must be in the region of the VPC that connects to it (the `aws:region` of this stack).
const region = aws.getRegionOutput().region;

const service = new PrivateEndpointService("atlas-aws", {
  projectId,
  providerName: "AWS",
  region,
});

// Atlas sets `endpointServiceName` for every AWS service that is ready, which creating the resource waits for.
const endpointServiceName = service.endpointServiceName.apply((name) => {
  if (name === null) throw new Error("Atlas reported no endpointServiceName for the AWS endpoint service");
  return name;
});

const vpc = new aws.ec2.Vpc("atlas-vpc", {
  cidrBlock: vpcCidr,
  // Atlas' private connection strings resolve through the endpoint's private DNS names.
  enableDnsSupport: true,
  enableDnsHostnames: true,
  tags: { Name: "atlas-privatelink" },
});

// Two subnets in two zones, so the interface endpoint survives the loss of one zone.
const zoneNames = aws.getAvailabilityZonesOutput({ state: "available" }).names;
const subnets = [0, 1].map(
  (index) =>
    new aws.ec2.Subnet(`atlas-subnet-${index}`, {
      vpcId: vpc.id,
      cidrBlock: subnetCidr(vpcCidr, index),
      availabilityZone: zoneNames.apply((names) => {
        const zone = names[index];
        if (zone === undefined) throw new Error(`the region has fewer than ${index + 1} available zones`);
        return zone;
      }),
      tags: { Name: `atlas-privatelink-${index}` },
    }),
);

// Atlas' nodes listen on 27017 and, behind PrivateLink, on one port per node from 1024 up.
const securityGroup = new aws.ec2.SecurityGroup("atlas-endpoint", {
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

const vpcEndpoint = new aws.ec2.VpcEndpoint("atlas-endpoint", {
  vpcId: vpc.id,
  serviceName: endpointServiceName,
  vpcEndpointType: "Interface",
  subnetIds: subnets.map((subnet) => subnet.id),
  securityGroupIds: [securityGroup.id],
});

// The second half of the link: register the VPC endpoint with the Atlas service. Atlas accepts the endpoint's
// connection, and `pulumi up` waits until the link is AVAILABLE. Mind the official names: `privateLinkId` is Atlas'
// service, `endpointServiceId` is the cloud's endpoint.
const link = new PrivateEndpoint("atlas-aws-link", {
  projectId,
  providerName: "AWS",
  privateLinkId: service.privateLinkId,
  endpointServiceId: vpcEndpoint.id,
});

/** The Atlas endpoint service id. */
export const privateLinkId = service.privateLinkId;
export { endpointServiceName };
/** The interface endpoint registered with Atlas. */
export const vpcEndpointId = vpcEndpoint.id;
/** `AVAILABLE` once the link is up; private connection strings then work from inside the VPC. */
export const connectionStatus = link.awsConnectionStatus;

/** The `index`-th /24 of the VPC's /16, counting from 1: 10.0.0.0/16 gives 10.0.1.0/24 for index 0. */
function subnetCidr(vpcCidrBlock: string, index: number): string {
  const [first, second] = vpcCidrBlock.split(".");
  if (first === undefined || second === undefined || !vpcCidrBlock.endsWith(".0.0/16")) {
    throw new Error(`config vpcCidr is "${vpcCidrBlock}"; use a /16 such as 10.0.0.0/16`);
  }
  return `${first}.${second}.${index + 1}.0/24`;
}
