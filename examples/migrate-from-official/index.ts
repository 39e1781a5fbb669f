import * as mongodbatlas from "@pulumi/mongodbatlas";
import * as pulumi from "@pulumi/pulumi";
import { PrivateEndpointService } from "pulumi-atlas-private-endpoint";

// Both resources read the same stack configuration: mongodbatlas:publicKey / privateKey (or clientId /
// clientSecret, accessToken) and mongodbatlas:baseUrl. Nothing to change there when swapping.
const config = new pulumi.Config();
const projectId = config.require("projectId");

// Atlas holds one endpoint service per project, cloud and region, so the two run side by side in two regions.
const officialRegion = config.get("officialRegion") ?? "us-east-1";
const region = config.get("region") ?? "us-west-2";

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

export const officialPrivateLinkId = official.privateLinkId;
export const officialEndpointServiceName = official.endpointServiceName;
export const privateLinkId = ours.privateLinkId;
export const endpointServiceName = ours.endpointServiceName;
