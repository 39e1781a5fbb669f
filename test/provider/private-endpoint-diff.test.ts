import { UNKNOWN_VALUE } from "../../provider/lifecycle/checks";
import { privateEndpoint } from "../../provider/private-endpoint";

const base = {
  projectId: "0123456789abcdef01234567",
  providerName: "AWS",
  privateLinkId: "fedcba9876543210fedcba98",
  endpointServiceId: "vpce-0123456789abcdef0",
};
const stored = {
  ...base,
  awsConnectionStatus: "AVAILABLE",
  errorMessage: null,
  endpoints: [],
  privateEndpointIpAddress: null,
};
const gcpStored = {
  ...base,
  providerName: "GCP",
  endpointServiceId: "atlas-group",
  gcpProjectId: "my-project-123",
  gcpStatus: "AVAILABLE",
  endpoints: [
    { endpointName: "rule-1", ipAddress: "10.0.0.2", status: "AVAILABLE" },
    { endpointName: "rule-0", ipAddress: "10.0.0.1", status: "AVAILABLE" },
  ],
  privateEndpointIpAddress: null,
};
const gcpInputs = {
  ...base,
  providerName: "GCP",
  endpointServiceId: "atlas-group",
  gcpProjectId: "my-project-123",
  endpoints: [
    { endpointName: "rule-0", ipAddress: "10.0.0.1" },
    { endpointName: "rule-1", ipAddress: "10.0.0.2" },
  ],
};
const none = { changes: false, replaces: [], deleteBeforeReplace: false, updates: [] };

describe("diffRegistration", () => {
  it("sees no change in the same inputs, whatever the case of the ids and the provider", () => {
    expect(
      privateEndpoint.diff(stored, { ...base, providerName: "aws", privateLinkId: base.privateLinkId.toUpperCase() }),
    ).toEqual(none);
  });

  it("ignores the endpoints' order and stored status", () => {
    expect(privateEndpoint.diff(gcpStored, gcpInputs)).toEqual(none);
  });

  it("changes state only for deadlines and flags", () => {
    expect(privateEndpoint.diff(stored, { ...base, timeouts: { create: "2h" }, deleteOnCreateTimeout: true })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
      updates: ["deleteOnCreateTimeout", "timeouts"],
    });
  });

  it("replaces on a new service, registering the new one first", () => {
    expect(privateEndpoint.diff(stored, { ...base, privateLinkId: "aaaaaaaaaaaaaaaaaaaaaaaa" })).toEqual({
      changes: true,
      replaces: ["privateLinkId"],
      deleteBeforeReplace: false,
      updates: [],
    });
  });

  it("replaces on a new cloud endpoint, registering the new one first", () => {
    expect(privateEndpoint.diff(stored, { ...base, endpointServiceId: "vpce-11111111111111111" })).toMatchObject({
      replaces: ["endpointServiceId"],
      deleteBeforeReplace: false,
    });
  });

  it("deletes first when the replacement registers the same cloud endpoint with the same service", () => {
    const azure = {
      ...base,
      providerName: "AZURE",
      endpointServiceId: "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/privateEndpoints/p",
    };
    expect(
      privateEndpoint.diff(
        { ...azure, azureStatus: "AVAILABLE", privateEndpointIpAddress: "10.0.0.4" },
        { ...azure, privateEndpointIpAddress: "10.0.0.5" },
      ),
    ).toEqual({
      changes: true,
      replaces: ["privateEndpointIpAddress"],
      deleteBeforeReplace: true,
      updates: [],
    });
    const moved = { ...gcpInputs, endpoints: [{ endpointName: "rule-0", ipAddress: "10.0.0.9" }] };
    expect(privateEndpoint.diff(gcpStored, moved)).toMatchObject({
      replaces: ["endpoints"],
      deleteBeforeReplace: true,
    });
    expect(privateEndpoint.diff(gcpStored, { ...gcpInputs, gcpProjectId: "other-project" })).toMatchObject({
      replaces: ["gcpProjectId"],
      deleteBeforeReplace: true,
    });
  });

  it("replaces a registration Atlas reported REJECTED or FAILED, deleting it first", () => {
    expect(privateEndpoint.diff({ ...stored, awsConnectionStatus: "REJECTED", errorMessage: "gone" }, base)).toEqual({
      changes: true,
      replaces: ["awsConnectionStatus"],
      deleteBeforeReplace: true,
      updates: [],
    });
    expect(
      privateEndpoint.diff(
        { ...gcpStored, endpoints: [{ endpointName: "rule-0", ipAddress: "10.0.0.1", status: "FAILED" }] },
        { ...gcpInputs, endpoints: [{ endpointName: "rule-0", ipAddress: "10.0.0.1" }] },
      ),
    ).toMatchObject({
      replaces: ["gcpStatus"],
      deleteBeforeReplace: true,
    });
  });

  it("is a change, without replacing, while a create marked unfinished has not finished, and says so", () => {
    expect(
      privateEndpoint.diff({ ...stored, awsConnectionStatus: "PENDING_ACCEPTANCE", unfinishedCreate: true }, base),
    ).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
      updates: ["unfinishedCreate"],
      notes: ["unfinishedCreate: the create of an earlier pulumi up did not finish; this update resumes it"],
    });
    expect(privateEndpoint.diff({ ...stored, awsConnectionStatus: null, unfinishedCreate: true }, base).changes).toBe(
      true,
    );
  });

  it("is no change for a pending status without the mark (what a refresh may store)", () => {
    expect(privateEndpoint.diff({ ...stored, awsConnectionStatus: "PENDING_ACCEPTANCE" }, base)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
      updates: [],
    });
  });

  it("treats values unknown during preview as changes", () => {
    expect(privateEndpoint.diff(stored, { ...base, privateLinkId: UNKNOWN_VALUE })).toMatchObject({
      changes: true,
      replaces: ["privateLinkId"],
    });
    expect(privateEndpoint.diff(gcpStored, { ...gcpInputs, endpoints: [UNKNOWN_VALUE] })).toMatchObject({
      replaces: ["endpoints"],
    });
  });
});
