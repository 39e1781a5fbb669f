import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * A VPC in `region` (`vpcCidr`, a /16) with two subnets in two zones, a security group for Atlas' ports and an
 * interface VPC endpoint to Atlas' service there (`endpointServiceName`): the endpoint's id.
 */
export function vpcEndpointIn(
  region: string,
  vpcCidr: string,
  endpointServiceName: pulumi.Output<string>,
): pulumi.Output<string> {
  const vpc = new aws.ec2.Vpc(`atlas-vpc-${region}`, {
    region,
    cidrBlock: vpcCidr,
    // Atlas' private connection strings resolve through the endpoint's private DNS names.
    enableDnsSupport: true,
    enableDnsHostnames: true,
    tags: { Name: `atlas-privatelink-${region}` },
  });

  // Two subnets in two zones, so the interface endpoint survives the loss of one zone.
  const zoneNames = aws.getAvailabilityZonesOutput({ region, state: "available" }).names;
  const subnets = [0, 1].map(
    (zone) =>
      new aws.ec2.Subnet(`atlas-subnet-${region}-${zone}`, {
        region,
        vpcId: vpc.id,
        cidrBlock: subnetCidr(vpcCidr, zone),
        availabilityZone: zoneNames.apply((names) => {
          const zoneName = names[zone];
          if (zoneName === undefined) throw new Error(`${region} has fewer than ${zone + 1} available zones`);
          return zoneName;
        }),
        tags: { Name: `atlas-privatelink-${region}-${zone}` },
      }),
  );

  // Atlas' mongos listen on 27017 and, behind PrivateLink, on one port per node from 1024 up.
  const securityGroup = new aws.ec2.SecurityGroup(`atlas-endpoint-${region}`, {
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

  return new aws.ec2.VpcEndpoint(`atlas-endpoint-${region}`, {
    region,
    vpcId: vpc.id,
    serviceName: endpointServiceName,
    vpcEndpointType: "Interface",
    subnetIds: subnets.map((subnet) => subnet.id),
    securityGroupIds: [securityGroup.id],
  }).id;
}

/** The `index`-th /24 of the VPC's /16, counting from 1: 10.0.0.0/16 gives 10.0.1.0/24 for index 0. */
function subnetCidr(vpcCidrBlock: string, index: number): string {
  const [first, second] = vpcCidrBlock.split(".");
  if (first === undefined || second === undefined || !vpcCidrBlock.endsWith(".0.0/16")) {
    throw new Error(`config vpcCidrs holds "${vpcCidrBlock}"; use /16 blocks such as 10.0.0.0/16`);
  }
  return `${first}.${second}.${index + 1}.0/24`;
}
