import type * as dynamic from "@pulumi/pulumi/dynamic";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { UNKNOWN_VALUE } from "../../provider/lifecycle/checks";
import * as privateEndpoint from "../../provider/private-endpoint/provider";
import { control, type EmulatorControl } from "../support/emulator-control";
import { configureProvider, emulatorConfig } from "../support/provider-harness";

const PROJECT = "0123456789abcdef01234567";
const SERVICE = "fedcba9876543210fedcba98";
const VPCE = "vpce-0123456789abcdef0";
const AZURE_ID =
  "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe";
const aws = { projectId: PROJECT, providerName: "AWS", privateLinkId: SERVICE, endpointServiceId: VPCE };
const azure = { ...aws, providerName: "AZURE", endpointServiceId: AZURE_ID, privateEndpointIpAddress: "10.0.0.4" };
const gcp = {
  ...aws,
  providerName: "GCP",
  endpointServiceId: "atlas-group",
  gcpProjectId: "my-project-123",
  endpoints: [{ endpointName: "rule-0", ipAddress: "10.128.0.2" }],
};

async function check(news: Record<string, unknown>): Promise<dynamic.CheckFailure[] | undefined> {
  return (await privateEndpoint.check({}, news)).failures;
}

/** [what is wrong, inputs, the property named, words the reason must contain (value and fix)] */
const cases: [string, Record<string, unknown>, string, RegExp][] = [
  ["missing projectId", { ...aws, projectId: undefined }, "projectId", /required.*24-digit hex/],
  ["short projectId", { ...aws, projectId: "0123abc" }, "projectId", /"0123abc".*24-digit hex id/],
  ["unknown providerName", { ...aws, providerName: "ORACLE" }, "providerName", /"ORACLE".*AWS, AZURE, GCP/],
  [
    "a vpce id in privateLinkId",
    { ...aws, privateLinkId: VPCE, endpointServiceId: "vpce-00000000000000000" },
    "privateLinkId",
    /"vpce-0123456789abcdef0" is a cloud endpoint id; it goes in endpointServiceId\. privateLinkId takes the Atlas endpoint service id/,
  ],
  [
    "an Azure id in privateLinkId",
    { ...azure, privateLinkId: AZURE_ID },
    "privateLinkId",
    /"\/subscriptions\/.*… is a cloud endpoint id; it goes in endpointServiceId/,
  ],
  [
    "a 24-hex id in endpointServiceId",
    { ...aws, endpointServiceId: SERVICE },
    "endpointServiceId",
    /"fedcba9876543210fedcba98" is an Atlas endpoint service id; it goes in privateLinkId/,
  ],
  ["missing privateLinkId", { ...aws, privateLinkId: undefined }, "privateLinkId", /required.*24 hex/],
  [
    "malformed privateLinkId",
    { ...aws, privateLinkId: "abc" },
    "privateLinkId",
    /"abc" is not an Atlas endpoint service id/,
  ],
  ["missing endpointServiceId", { ...aws, endpointServiceId: undefined }, "endpointServiceId", /required.*vpce-/],
  [
    "short vpce id",
    { ...aws, endpointServiceId: "vpce-0123" },
    "endpointServiceId",
    /"vpce-0123" is not an AWS endpoint id; use the VPC endpoint id/,
  ],
  [
    "upper-case vpce id",
    { ...aws, endpointServiceId: "vpce-0123456789ABCDEF0" },
    "endpointServiceId",
    /not an AWS endpoint id; write the hex digits in lower case/,
  ],
  [
    "an ARM id of another resource type",
    { ...azure, endpointServiceId: AZURE_ID.replace("privateEndpoints", "networkInterfaces") },
    "endpointServiceId",
    /not an AZURE endpoint id \(an ARM id of a Microsoft\.Network\/privateEndpoints resource\)/,
  ],
  [
    "an upper-case GCP name",
    { ...gcp, endpointServiceId: "Atlas_Group" },
    "endpointServiceId",
    /"Atlas_Group" is not a GCP endpoint id/,
  ],
  [
    "privateEndpointIpAddress on AWS",
    { ...aws, privateEndpointIpAddress: "10.0.0.4" },
    "privateEndpointIpAddress",
    /does not apply to AWS.*remove it/,
  ],
  [
    "gcpProjectId on AWS",
    { ...aws, gcpProjectId: "my-project-123" },
    "gcpProjectId",
    /does not apply to AWS.*remove it/,
  ],
  ["endpoints on AZURE", { ...azure, endpoints: gcp.endpoints }, "endpoints", /does not apply to AZURE.*remove it/],
  [
    "Azure without its IP address",
    { ...azure, privateEndpointIpAddress: undefined },
    "privateEndpointIpAddress",
    /required for AZURE.*10\.0\.0\.4/,
  ],
  [
    "a bad IPv4 address",
    { ...azure, privateEndpointIpAddress: "10.0.0.256" },
    "privateEndpointIpAddress",
    /"10\.0\.0\.256" is not an IPv4 address/,
  ],
  ["GCP without gcpProjectId", { ...gcp, gcpProjectId: undefined }, "gcpProjectId", /required for GCP/],
  [
    "a bad gcpProjectId",
    { ...gcp, gcpProjectId: "My Project" },
    "gcpProjectId",
    /"My Project" is not a Google Cloud project id/,
  ],
  [
    "GCP with both endpoints and an address",
    { ...gcp, privateEndpointIpAddress: "10.0.0.5" },
    "endpoints",
    /exactly one of endpoints .* or privateEndpointIpAddress .*not both/,
  ],
  ["GCP with neither", { ...gcp, endpoints: undefined }, "endpoints", /needs exactly one of endpoints/],
  ["empty endpoints", { ...gcp, endpoints: [] }, "endpoints", /non-empty list/],
  [
    "duplicate endpoint names",
    { ...gcp, endpoints: [...gcp.endpoints, { endpointName: "rule-0", ipAddress: "10.128.0.3" }] },
    "endpoints[1].endpointName",
    /"rule-0" is also endpoints\[0\]'s; .*remove the duplicate/,
  ],
  [
    "a bad endpoint address",
    { ...gcp, endpoints: [{ endpointName: "rule-0", ipAddress: "fe80::1" }] },
    "endpoints[0].ipAddress",
    /"fe80::1" is not an IPv4 address/,
  ],
  [
    "an unknown endpoint field",
    { ...gcp, endpoints: [{ endpointName: "rule-0", ipAddress: "10.0.0.1", status: "AVAILABLE" }] },
    "endpoints[0].status",
    /unknown property "status".*endpointName and ipAddress/,
  ],
  [
    "an update timeout",
    { ...aws, timeouts: { update: "5m" } },
    "timeouts.update",
    /unknown timeout "update"; use create or delete/,
  ],
  ["a bad create timeout", { ...aws, timeouts: { create: "soon" } }, "timeouts.create", /"soon" is not a duration/],
  ["adoptExisting not a boolean", { ...aws, adoptExisting: "yes" }, "adoptExisting", /true or false, got "yes"/],
  [
    "an unknown property",
    { ...aws, region: "us-east-1" },
    "region",
    /unknown property "region"; PrivateEndpoint takes projectId/,
  ],
  [
    "a 100,000-character id",
    { ...aws, endpointServiceId: `vpce-${"a".repeat(100_000)}` },
    "endpointServiceId",
    /^endpointServiceId "vpce-a{54}… is not an AWS endpoint id/,
  ],
];

let emulator: RunningEmulator;
let ctl: EmulatorControl;

beforeAll(async () => {
  emulator = await startEmulator({ quiet: true });
  ctl = control(emulator.baseUrl);
  await configureProvider(emulatorConfig(emulator.baseUrl));
});
afterAll(async () => {
  await emulator.close();
});

describe("PrivateEndpoint check rejects bad input before any API call", () => {
  it.each(cases)("rejects %s", async (_what, news, property, reason) => {
    await ctl.clearRequests();
    const failures = await check(news);
    expect(failures?.find((f) => f.property === property)?.reason).toMatch(reason);
    expect(await ctl.requests()).toEqual([]);
  });

  it("keeps every message short, whatever the value's length", async () => {
    const failures = await check({
      ...aws,
      privateLinkId: "x".repeat(100_000),
      endpointServiceId: "y".repeat(100_000),
    });
    expect(failures).toHaveLength(2);
    for (const failure of failures ?? []) expect(failure.reason.length).toBeLessThan(400);
  });

  it("accepts good input for each cloud and normalises the names", async () => {
    for (const news of [{ ...aws, providerName: "aws", projectId: PROJECT.toUpperCase() }, azure, gcp]) {
      const result = await privateEndpoint.check({}, news);
      expect(result.failures).toBeUndefined();
      expect(result.inputs).toMatchObject({ projectId: PROJECT, providerName: news.providerName.toUpperCase() });
    }
    const portMapped = { ...gcp, endpoints: undefined, privateEndpointIpAddress: "10.0.0.9" };
    expect(await check(portMapped)).toBeUndefined();
  });

  it("lets values unknown during preview through", async () => {
    expect(
      await check({
        ...gcp,
        privateLinkId: UNKNOWN_VALUE,
        endpointServiceId: UNKNOWN_VALUE,
        gcpProjectId: UNKNOWN_VALUE,
        endpoints: [UNKNOWN_VALUE, { endpointName: UNKNOWN_VALUE, ipAddress: UNKNOWN_VALUE }],
      }),
    ).toBeUndefined();
    expect(
      await check({ ...azure, privateEndpointIpAddress: UNKNOWN_VALUE, endpointServiceId: UNKNOWN_VALUE }),
    ).toBeUndefined();
  });
});
