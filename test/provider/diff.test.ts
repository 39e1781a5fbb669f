import { endpointService } from "../../provider/endpoint-service";
import { UNKNOWN_VALUE } from "../../provider/lifecycle/checks";

const PROJECT = "0123456789abcdef01234567";
const stored = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  projectId: PROJECT,
  providerName: "AWS",
  region: "us-east-1",
  status: "AVAILABLE",
  regionName: "US_EAST_1",
  supportedRemoteRegions: [],
  portMappingEnabled: null,
  ...overrides,
});
const wanted = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  projectId: PROJECT,
  providerName: "AWS",
  region: "us-east-1",
  ...overrides,
});
const NO_CHANGE = { changes: false, replaces: [], deleteBeforeReplace: false, updates: [] };

describe("diffService", () => {
  it.each([
    ["AWS", "us-east-1", "US_EAST_1"],
    ["AWS", "US_EAST_1", "us-east-1"],
    ["GCP", "us-central1", "CENTRAL_US"],
    ["AZURE", "eastus2", "US_EAST_2"],
    ["AZURE", "WEST_CENTRAL_US", "US_WEST_CENTRAL"],
  ])("treats a respelled %s region (%s → %s) as no change", (providerName, before, after) => {
    expect(
      endpointService.diff(stored({ providerName, region: before }), wanted({ providerName, region: after })),
    ).toEqual(NO_CHANGE);
  });

  it("replaces, creating first, when the region changes", () => {
    expect(endpointService.diff(stored(), wanted({ region: "us-west-2" }))).toEqual({
      changes: true,
      replaces: ["region"],
      deleteBeforeReplace: false,
      updates: [],
    });
  });

  it("replaces, creating first, when the project or provider changes", () => {
    expect(endpointService.diff(stored(), wanted({ projectId: "aaaaaaaaaaaaaaaaaaaaaaaa" }))).toEqual({
      changes: true,
      replaces: ["projectId"],
      deleteBeforeReplace: false,
      updates: [],
    });
    expect(endpointService.diff(stored(), wanted({ providerName: "GCP", region: "us-east4" }))).toMatchObject({
      replaces: ["providerName", "region"],
      deleteBeforeReplace: false,
    });
  });

  it("replaces, deleting first, when GCP port mapping changes in the same region", () => {
    const old = stored({ providerName: "GCP", region: "us-east4", portMappingEnabled: false });
    expect(
      endpointService.diff(old, wanted({ providerName: "GCP", region: "us-east4", portMappingEnabled: true })),
    ).toEqual({
      changes: true,
      replaces: ["portMappingEnabled"],
      deleteBeforeReplace: true,
      updates: [],
    });
    expect(endpointService.diff(old, wanted({ providerName: "GCP", region: "US_EAST_4" }))).toEqual(NO_CHANGE);
  });

  it("replaces, deleting first, a service Atlas reported FAILED", () => {
    expect(endpointService.diff(stored({ status: "FAILED" }), wanted())).toEqual({
      changes: true,
      replaces: ["status"],
      deleteBeforeReplace: true,
      updates: [],
    });
  });

  it("updates remote regions in place and ignores their order and spelling", () => {
    expect(endpointService.diff(stored(), wanted({ supportedRemoteRegions: ["us-west-2"] }))).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
      updates: ["supportedRemoteRegions"],
    });
    const old = stored({ supportedRemoteRegions: ["US_WEST_2", "EU_WEST_1"] });
    expect(endpointService.diff(old, wanted({ supportedRemoteRegions: ["eu-west-1", "us-west-2"] }))).toEqual(
      NO_CHANGE,
    );
  });

  it("asks for an update to resume a create marked unfinished, saying so", () => {
    expect(endpointService.diff(stored({ status: "INITIATING", unfinishedCreate: true }), wanted())).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
      updates: ["unfinishedCreate"],
      notes: ["unfinishedCreate: the create of an earlier pulumi up did not finish; this update resumes it"],
    });
  });

  it("is no change for a status a refresh stored, without the mark", () => {
    expect(endpointService.diff(stored({ status: "INITIATING" }), wanted())).toEqual(NO_CHANGE);
  });

  it("updates state only when deadlines or flags change", () => {
    expect(endpointService.diff(stored(), wanted({ timeouts: { create: "2h" } }))).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
      updates: ["timeouts"],
    });
  });

  it("ignores a new resource name (an alias)", () => {
    expect(endpointService.diff(stored({ resourceName: "a" }), wanted({ resourceName: "b" }))).toEqual(NO_CHANGE);
  });

  it("reports a replacement when the region is not known yet (preview)", () => {
    expect(endpointService.diff(stored(), wanted({ region: UNKNOWN_VALUE }))).toMatchObject({
      changes: true,
      replaces: ["region"],
    });
  });
});
