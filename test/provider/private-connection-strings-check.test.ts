import { UNKNOWN_VALUE } from "../../provider/lifecycle/checks";
import { privateConnectionStrings } from "../../provider/private-connection-strings";

/** `PrivateConnectionStrings`' check and diff: no network, exact messages. */
const PROJECT = "0123456789abcdef01234567";
const VPCE = "vpce-0123456789abcdef0";
const AZURE_ID =
  "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe";
const good = { projectId: PROJECT, clusterName: "orders", endpointIds: [VPCE] };
const KINDS =
  "an AWS VPC endpoint id (vpce-…), an Azure private endpoint's ARM id (/subscriptions/…/privateEndpoints/…), or a GCP endpoint group or forwarding rule name";

describe("PrivateConnectionStrings' check", () => {
  it("accepts an id of each cloud, lower-cases the project, and keeps the ids as given", () => {
    const { inputs, failures } = privateConnectionStrings.check({
      projectId: PROJECT.toUpperCase(),
      clusterName: "Orders-2",
      endpointIds: [VPCE, AZURE_ID, "atlas-group"],
      timeouts: { create: "90m" },
      resourceName: "uri",
    });
    expect(failures).toEqual([]);
    expect(inputs).toEqual({
      projectId: PROJECT,
      clusterName: "Orders-2",
      endpointIds: [VPCE, AZURE_ID, "atlas-group"],
      timeouts: { create: "90m" },
      resourceName: "uri",
    });
  });

  it("lets unknown values through (preview)", () => {
    expect(
      privateConnectionStrings.check({
        projectId: UNKNOWN_VALUE,
        clusterName: UNKNOWN_VALUE,
        endpointIds: UNKNOWN_VALUE,
      }).failures,
    ).toEqual([]);
    expect(privateConnectionStrings.check({ ...good, endpointIds: [UNKNOWN_VALUE, VPCE] }).failures).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, { property: string; reason: string }[]]>([
    [
      "nothing",
      {},
      [
        {
          property: "projectId",
          reason:
            "projectId is required: the 24-digit hex id of the Atlas project (Project Settings in Atlas, or mongodbatlas.Project's id)",
        },
        {
          property: "clusterName",
          reason: "clusterName is required: the cluster's name as Atlas shows it, e.g. orders",
        },
        {
          property: "endpointIds",
          reason: `endpointIds is required: one or more cloud endpoint ids, such as [PrivateEndpoint's endpointServiceId]: ${KINDS}`,
        },
      ],
    ],
    [
      "a cluster name Atlas does not allow",
      { ...good, clusterName: "-orders" },
      [
        {
          property: "clusterName",
          reason:
            'clusterName "-orders" is not a name Atlas gives clusters; use the cluster\'s name as Atlas shows it (letters, digits and hyphens, starting with a letter or digit), e.g. orders',
        },
      ],
    ],
    [
      "one id, not a list",
      { ...good, endpointIds: VPCE },
      [
        {
          property: "endpointIds",
          reason: `endpointIds must be a list of cloud endpoint ids, got "${VPCE}"; write ["${VPCE}"]`,
        },
      ],
    ],
    [
      "an empty list",
      { ...good, endpointIds: [] },
      [
        {
          property: "endpointIds",
          reason: `endpointIds is required: one or more cloud endpoint ids, such as [PrivateEndpoint's endpointServiceId]: ${KINDS}`,
        },
      ],
    ],
    [
      "ids no cloud has, and a duplicate",
      {
        ...good,
        endpointIds: [
          "vpce-0123456789ABCDEF0",
          "vpce-1",
          "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/networkInterfaces/nic",
          "Atlas_Group",
          VPCE,
          VPCE,
          7,
        ],
      },
      [
        {
          property: "endpointIds[0]",
          reason:
            'endpointIds[0] "vpce-0123456789ABCDEF0" is not an AWS endpoint id; write the hex digits in lower case',
        },
        {
          property: "endpointIds[1]",
          reason:
            'endpointIds[1] "vpce-1" is not an AWS VPC endpoint id; use vpce- and 17 hex digits, e.g. vpce-0123456789abcdef0 (aws.ec2.VpcEndpoint\'s id)',
        },
        {
          property: "endpointIds[2]",
          reason:
            "endpointIds[2] \"/subscriptions/s/resourceGroups/g/providers/Microsoft.Netwo… is not an Azure private endpoint id; use the ARM id of a Microsoft.Network/privateEndpoints resource (azure-native.network.PrivateEndpoint's id)",
        },
        {
          property: "endpointIds[3]",
          reason: `endpointIds[3] "Atlas_Group" is not a cloud endpoint id; use ${KINDS}`,
        },
        {
          property: "endpointIds[5]",
          reason: `endpointIds[5] "${VPCE}" is also endpointIds[4]; list each endpoint once`,
        },
        { property: "endpointIds[6]", reason: "endpointIds[6] must be a string (a cloud endpoint id), got 7" },
      ],
    ],
    [
      "a PrivateEndpoint's id and an Atlas id",
      { ...good, endpointIds: [`fedcba9876543210fedcba98:${VPCE}`, "fedcba9876543210fedcba98"] },
      [
        {
          property: "endpointIds[0]",
          reason: `endpointIds[0] "fedcba9876543210fedcba98:${VPCE}" is a PrivateEndpoint's id (<privateLinkId>:<endpoint>); pass its endpointServiceId instead`,
        },
        {
          property: "endpointIds[1]",
          reason: `endpointIds[1] "fedcba9876543210fedcba98" is an Atlas id (24 hex digits), not a cloud endpoint; endpointIds take ${KINDS}`,
        },
      ],
    ],
    [
      "an Azure id twice, in two cases",
      { ...good, endpointIds: [AZURE_ID, AZURE_ID.toUpperCase()] },
      [
        {
          property: "endpointIds[1]",
          reason: `endpointIds[1] ${JSON.stringify(AZURE_ID.toUpperCase()).slice(0, 60)}… is also endpointIds[0]; list each endpoint once`,
        },
      ],
    ],
    [
      "a timeout it does not have, and an unknown property",
      { ...good, timeouts: { delete: "5m" }, region: "us-east-1" },
      [
        {
          property: "region",
          reason:
            'unknown property "region"; PrivateConnectionStrings takes projectId, clusterName, endpointIds, timeouts',
        },
        { property: "timeouts.delete", reason: 'unknown timeout "delete"; use create' },
      ],
    ],
  ])("refuses %s, naming the property, the value and the fix", (_label, news, failures) => {
    expect(privateConnectionStrings.check(news).failures).toEqual(failures);
  });
});

describe("PrivateConnectionStrings' diff", () => {
  const stored = {
    ...good,
    connectionString: "mongodb://pl-0-us-east-1.abcde.mongodb.net:1024/",
    srvConnectionString: "mongodb+srv://orders-pl-0.abcde.mongodb.net",
    endpoints: [],
  };
  const none = { changes: false, replaces: [], deleteBeforeReplace: false, updates: [] };

  it("sees no change in the same ids in another order, or an ARM id in another case", () => {
    const olds = { ...stored, endpointIds: [VPCE, AZURE_ID, "atlas-group"] };
    expect(
      privateConnectionStrings.diff(olds, { ...good, endpointIds: ["atlas-group", AZURE_ID.toUpperCase(), VPCE] }),
    ).toEqual(none);
  });

  it.each([
    ["projectId", { projectId: "fedcba9876543210fedcba98" }],
    ["clusterName", { clusterName: "Orders" }],
    ["endpointIds", { endpointIds: [VPCE, "atlas-group"] }],
    ["endpointIds", { endpointIds: [UNKNOWN_VALUE] }],
  ])("replaces on a new %s, creating the replacement first", (property, change) => {
    expect(privateConnectionStrings.diff(stored, { ...good, ...change })).toEqual({
      changes: true,
      replaces: [property],
      deleteBeforeReplace: false,
      updates: [],
    });
  });

  it("updates state only for a new deadline", () => {
    expect(privateConnectionStrings.diff(stored, { ...good, timeouts: { create: "2h" } })).toEqual({
      ...none,
      changes: true,
      updates: ["timeouts"],
    });
  });

  it("is a change when a refresh found the entry gone, so the next up waits again", () => {
    const gone = { ...stored, connectionString: null, srvConnectionString: null };
    expect(privateConnectionStrings.diff(gone, good)).toEqual({
      ...none,
      changes: true,
      updates: ["srvConnectionString"],
    });
  });
});
