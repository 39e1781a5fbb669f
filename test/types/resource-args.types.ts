/**
 * Compile-time checks of the public types: `npm run typecheck` fails when a wrong shape compiles (an unused
 * `@ts-expect-error` is itself an error) or a right one does not. Not run by jest.
 */
import type { PrivateEndpointArgs, PrivateEndpointRegionalModeArgs, PrivateEndpointServiceArgs } from "../../provider";

const project = "0123456789abcdef01234567";

export const accepted: PrivateEndpointServiceArgs[] = [
  { projectId: project, providerName: "AWS", region: "us-east-1" },
  { projectId: project, providerName: "gcp", region: "us-central1", portMappingEnabled: true },
  { projectId: project, providerName: "AZURE", region: "eastus2", adoptExisting: true, timeouts: { create: "90m" } },
  {
    projectId: project,
    providerName: "AWS",
    region: "us-east-1",
    supportedRemoteRegions: ["us-west-2"],
    deleteOnCreateTimeout: true,
  },
];

export const rejected: PrivateEndpointServiceArgs[] = [
  // @ts-expect-error providerName must be AWS, AZURE or GCP
  { projectId: project, providerName: "ORACLE", region: "us-east-1" },
  // @ts-expect-error region is required
  { projectId: project, providerName: "AWS" },
  // @ts-expect-error supportedRemoteRegions is a list of strings
  { projectId: project, providerName: "AWS", region: "us-east-1", supportedRemoteRegions: "us-west-2" },
  // @ts-expect-error timeouts are duration strings, not numbers
  { projectId: project, providerName: "AWS", region: "us-east-1", timeouts: { create: 45 } },
  // @ts-expect-error unknown property (a typo of region)
  { projectId: project, providerName: "AWS", regoin: "us-east-1" },
  // @ts-expect-error portMappingEnabled is a boolean
  { projectId: project, providerName: "GCP", region: "us-east4", portMappingEnabled: "yes" },
];

const service = "fedcba9876543210fedcba98";

export const acceptedRegistrations: PrivateEndpointArgs[] = [
  { projectId: project, providerName: "AWS", privateLinkId: service, endpointServiceId: "vpce-0123456789abcdef0" },
  {
    projectId: project,
    providerName: "azure",
    privateLinkId: service,
    endpointServiceId: "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/privateEndpoints/p",
    privateEndpointIpAddress: "10.0.0.4",
    timeouts: { create: "90m", delete: "30m" },
  },
  {
    projectId: project,
    providerName: "GCP",
    privateLinkId: service,
    endpointServiceId: "atlas-group",
    gcpProjectId: "my-project",
    endpoints: [{ endpointName: "rule-0", ipAddress: "10.0.0.5" }],
    adoptExisting: true,
    deleteOnCreateTimeout: true,
  },
];

export const rejectedRegistrations: PrivateEndpointArgs[] = [
  // @ts-expect-error endpointServiceId (the cloud endpoint) is required
  { projectId: project, providerName: "AWS", privateLinkId: service },
  {
    projectId: project,
    providerName: "AWS",
    privateLinkId: service,
    endpointServiceId: "vpce-1",
    // @ts-expect-error there is no update timeout: a registration is never updated in Atlas
    timeouts: { update: "5m" },
  },
  // @ts-expect-error endpoints are objects of endpointName and ipAddress
  { projectId: project, providerName: "GCP", privateLinkId: service, endpointServiceId: "g", endpoints: ["10.0.0.5"] },
  // @ts-expect-error unknown property (the service's region)
  { projectId: project, providerName: "AWS", privateLinkId: service, endpointServiceId: "vpce-1", region: "us-east-1" },
];

export const acceptedRegionalModes: PrivateEndpointRegionalModeArgs[] = [
  { projectId: project },
  { projectId: project, enabled: true, timeouts: { create: "2h", update: "2h", delete: "90m" } },
];

export const rejectedRegionalModes: PrivateEndpointRegionalModeArgs[] = [
  // @ts-expect-error projectId is required
  { enabled: true },
  // @ts-expect-error enabled is a boolean
  { projectId: project, enabled: "true" },
  // @ts-expect-error timeouts are duration strings
  { projectId: project, timeouts: { update: 60 } },
];
