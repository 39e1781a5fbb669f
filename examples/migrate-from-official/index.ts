import * as mongodbatlas from "@pulumi/mongodbatlas";
import * as pulumi from "@pulumi/pulumi";
import { PrivateEndpoint, PrivateEndpointService } from "pulumi-atlas-private-endpoint";

// Both resources read the same stack configuration: mongodbatlas:publicKey / privateKey (or clientId /
// clientSecret, accessToken) and mongodbatlas:baseUrl. Nothing to change there when swapping.
const config = new pulumi.Config();
const projectId = config.require("projectId");

// Atlas holds one endpoint service per project, cloud and region, so the two run side by side in two regions.
const officialRegion = config.get("officialRegion") ?? "us-east-1";
const region = config.get("region") ?? "us-west-2";
// The AWS VPC endpoints (`vpce-…`) to register, one in each region (see examples/aws-privatelink for making one).
const officialVpcEndpointId = config.require("officialVpcEndpointId");
const vpcEndpointId = config.require("vpcEndpointId");

// Before: the official bridged resource. Its timeouts are a resource option.
const official = new mongodbatlas.PrivateLinkEndpoint(
  "official",
  {
    projectId,
    providerName: "AWS",
    region: officialRegion,
  },
  { customTimeouts: { create: "45m", delete: "30m" } },
);

// After: the same argument names. Two differences:
// - `customTimeouts` never reaches a dynamic provider, so the deadlines are inputs (`timeouts`);
// - `pulumi import` and the `import` option do not work for dynamic resources (pulumi/pulumi#16175), so taking over
//   a service that already exists is `adoptExisting: true`: when Atlas already has a service for this project, cloud
//   and region, creating the resource adopts it instead of failing.
const ours = new PrivateEndpointService("ours", {
  projectId,
  providerName: "AWS",
  region,
  timeouts: { create: "45m", delete: "30m" },
  adoptExisting: true,
});

// To swap the official resource in place, keeping the Atlas service (and every endpoint attached to it):
//   1. pulumi state delete '<urn of the official PrivateLinkEndpoint>'   (forget it; nothing is deleted in Atlas)
//   2. replace `new mongodbatlas.PrivateLinkEndpoint(name, args, { customTimeouts })` with
//      `new PrivateEndpointService(name, { ...args, timeouts, adoptExisting: true })`, same region
//   3. pulumi up                                                          (adopts the existing service)
// Outputs keep their names (privateLinkId, endpointServiceName, interfaceEndpoints, status, …), so code that reads
// them is unchanged. One typing difference: outputs that exist for one cloud only (endpointServiceName,
// privateLinkServiceResourceId, …) are `string | null` on ours and `string` on the official resource.

// The second half of the link, registering a VPC endpoint with the service. Before: the official
// `PrivateLinkEndpointService`. Mind its names, which ours keep: `privateLinkId` is Atlas' service,
// `endpointServiceId` is the cloud's endpoint.
const officialLink = new mongodbatlas.PrivateLinkEndpointService(
  "official",
  {
    projectId,
    providerName: "AWS",
    privateLinkId: official.privateLinkId,
    endpointServiceId: officialVpcEndpointId,
  },
  { customTimeouts: { create: "45m", delete: "30m" } },
);

// After: `PrivateEndpoint`, the same argument names, with the same two differences as above (`timeouts` as an input,
// `adoptExisting: true` to take over a registration Atlas already has). Also: a registration Atlas reports REJECTED
// or FAILED is an output here (`errorMessage`), replaced on the next `pulumi up`, not an error on every refresh; and
// `check` catches the two ids given the wrong way round before any call to Atlas.
const ourLink = new PrivateEndpoint("ours", {
  projectId,
  providerName: "AWS",
  privateLinkId: ours.privateLinkId,
  endpointServiceId: vpcEndpointId,
  timeouts: { create: "45m", delete: "30m" },
  adoptExisting: true,
});

// To swap the official registration in place (keeping the link up): `pulumi state delete` its URN, replace it with
// `new PrivateEndpoint(name, { ...args, timeouts, adoptExisting: true })`, then `pulumi up`, as for the service.

export const officialPrivateLinkId = official.privateLinkId;
export const officialEndpointServiceName = official.endpointServiceName;
export const officialConnectionStatus = officialLink.awsConnectionStatus;
export const privateLinkId = ours.privateLinkId;
export const endpointServiceName = ours.endpointServiceName;
export const connectionStatus = ourLink.awsConnectionStatus;
