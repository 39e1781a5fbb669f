import { EMULATOR_IDENTITY, startEmulator, type RunningEmulator } from "../../emulator";
import { control, type EmulatorControl } from "../support/emulator-control";
import {
  atlasClient,
  send,
  V2_ACCEPT,
  type AtlasAnswer,
  type AtlasTestClient,
  type ServiceBody,
} from "./helpers/atlas-client";
import { eventually } from "../support/eventually";
import { fakeClock } from "./helpers/fake-clock";
import { FIELD_FORMATS, SERVICE_FIELDS } from "./helpers/service-shapes";

const PROJECT = EMULATOR_IDENTITY.projectId;
const V2_TYPE = `${V2_ACCEPT};charset=utf-8`;

let emulator: RunningEmulator;
let ctl: EmulatorControl;

beforeAll(async () => {
  // DELETING must outlast the DELETE and the GET that follows it on a busy machine; 404 is awaited, so it costs little.
  emulator = await startEmulator({ provisionSeconds: 0.2, deletingSeconds: 0.5, updateSeconds: 0.1 });
  ctl = control(emulator.baseUrl);
});
afterAll(() => emulator.close());
beforeEach(() => ctl.reset());

const until = (probe: () => Promise<AtlasAnswer>, done: (a: AtlasAnswer) => boolean): Promise<AtlasAnswer> =>
  eventually(probe, done, { timeoutMs: 3000 });

type Provider = keyof typeof SERVICE_FIELDS;

/** Per provider: a cloud spelling of a region, its Atlas spelling, and the body right after create. */
const PROVIDERS: readonly [Provider, string, string, Record<string, unknown>][] = [
  [
    "AWS",
    "eu-west-1",
    "EU_WEST_1",
    { endpointServiceName: null, interfaceEndpoints: [], supportedRemoteRegions: null },
  ],
  [
    "AZURE",
    "eastus2",
    "US_EAST_2",
    { privateEndpoints: [], privateLinkServiceName: null, privateLinkServiceResourceId: null },
  ],
  [
    "GCP",
    "us-central1",
    "CENTRAL_US",
    { endpointGroupNames: [], portMappingEnabled: false, serviceAttachmentNames: [] },
  ],
];

function expectOutputs(provider: Provider, service: ServiceBody, nativeRegion: string): void {
  switch (provider) {
    case "AWS":
      expect(service.endpointServiceName).toMatch(
        new RegExp(`^com\\.amazonaws\\.vpce\\.${nativeRegion}\\.vpce-svc-[0-9a-f]{17}$`),
      );
      break;
    case "AZURE":
      expect(service.privateLinkServiceName).toBe(`pls_${service.id}`);
      expect(service.privateLinkServiceResourceId).toMatch(FIELD_FORMATS.privateLinkServiceResourceId!);
      expect(service.privateLinkServiceResourceId).toMatch(new RegExp(`/privateLinkServices/pls_${service.id}$`));
      break;
    case "GCP": {
      const names = service.serviceAttachmentNames ?? [];
      expect(names).toHaveLength(6);
      names.forEach((name, i) => {
        expect(name).toMatch(FIELD_FORMATS.serviceAttachmentNames!);
        expect(name.endsWith(`/regions/${nativeRegion}/serviceAttachments/sa-${nativeRegion}-${PROJECT}-${i}`)).toBe(
          true,
        );
      });
      break;
    }
  }
}

describe.each(["v1.0", "v2"] as const)("endpoint service lifecycle on %s", (version) => {
  const contentType = version === "v2" ? V2_TYPE : "application/json";
  let atlas: AtlasTestClient;
  beforeEach(() => {
    atlas = atlasClient(emulator.baseUrl, { version });
  });

  it.each(PROVIDERS)(
    "creates, provisions, lists and deletes a %s service (region %s answered as %s)",
    async (provider, region, atlasRegion, initialOutputs) => {
      const created = await atlas.create({ providerName: provider, region });
      expect(created.status).toBe(201);
      expect(created.headers.get("content-type")).toBe(contentType);
      expect(Object.keys(created.service)).toEqual(SERVICE_FIELDS[provider]);
      expect(created.json).toEqual({
        cloudProvider: provider,
        errorMessage: null,
        id: expect.stringMatching(/^[0-9a-f]{24}$/) as unknown,
        regionName: atlasRegion,
        status: "INITIATING",
        ...initialOutputs,
      });
      const id = created.service.id;

      const available = await until(
        () => atlas.get(provider, id),
        (a) => a.service.status === "AVAILABLE",
      );
      expect(available.status).toBe(200);
      expect(available.headers.get("content-type")).toBe(contentType);
      expect(Object.keys(available.service)).toEqual(SERVICE_FIELDS[provider]);
      expectOutputs(provider, available.service, region);

      const listed = await atlas.list(provider);
      expect(listed.status).toBe(200);
      expect(listed.json).toEqual([available.json]);

      const deleted = await atlas.remove(provider, id);
      expect(deleted.status).toBe(202);
      expect(deleted.text).toBe("{}");
      expect(deleted.headers.get("content-type")).toBe(contentType);
      expect((await atlas.get(provider, id)).service.status).toBe("DELETING");

      const gone = await until(
        () => atlas.get(provider, id),
        (a) => a.status === 404,
      );
      expect(gone.headers.get("content-type")).toBe("application/json");
      expect(gone.headers.get("x-error-code")).toBe("PRIVATE_ENDPOINT_SERVICE_NOT_FOUND");
      expect(gone.json).toMatchObject({
        error: 404,
        errorCode: "PRIVATE_ENDPOINT_SERVICE_NOT_FOUND",
        reason: "Not Found",
      });
      expect((await atlas.list(provider)).json).toEqual([]);
    },
  );
});

describe("create", () => {
  let atlas: AtlasTestClient;
  beforeEach(() => {
    atlas = atlasClient(emulator.baseUrl);
  });

  it("accepts the Atlas spelling of a region, in any case", async () => {
    const created = await atlas.create({ providerName: "AWS", region: "us_east_1" });
    expect(created.service.regionName).toBe("US_EAST_1");
  });

  it("answers 409 for a second service in the same provider and region, however spelled", async () => {
    await atlas.create({ providerName: "AWS", region: "us-east-1" });
    const second = await atlas.create({ providerName: "AWS", region: "US_EAST_1" });
    expect(second.status).toBe(409);
    expect(second.headers.get("x-error-code")).toBe("PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION");
    expect(second.json).toEqual({
      detail: "A private endpoint service already exists for AWS region US_EAST_1.",
      error: 409,
      errorCode: "PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION",
      parameters: ["AWS", "US_EAST_1"],
      reason: "Conflict",
    });
    expect(Object.keys(second.error)).toEqual(["detail", "error", "errorCode", "parameters", "reason"]);
  });

  it("still answers 409 while the earlier service is DELETING, and accepts once it is gone", async () => {
    const first = await atlas.create({ providerName: "GCP", region: "CENTRAL_US" });
    await atlas.remove("GCP", first.service.id);
    expect((await atlas.create({ providerName: "GCP", region: "us-central1" })).status).toBe(409);
    await until(
      () => atlas.get("GCP", first.service.id),
      (a) => a.status === 404,
    );
    expect((await atlas.create({ providerName: "GCP", region: "us-central1" })).status).toBe(201);
  });

  it("allows the same region for another provider and another region for the same provider", async () => {
    expect((await atlas.create({ providerName: "AWS", region: "us-east-1" })).status).toBe(201);
    expect((await atlas.create({ providerName: "AWS", region: "us-east-2" })).status).toBe(201);
    expect((await atlas.create({ providerName: "AZURE", region: "eastus" })).status).toBe(201);
  });

  it("creates the project's network container with the first service of a provider", async () => {
    expect((await atlas.containers("AWS")).json).toEqual({ links: [], results: [], totalCount: 0 });
    await atlas.create({ providerName: "AWS", region: "eu-west-1" });
    await atlas.create({ providerName: "GCP", region: "us-central1" });
    const aws = await atlas.containers("AWS");
    expect(aws.status).toBe(200);
    expect(aws.json).toEqual({
      links: [],
      results: [
        {
          atlasCidrBlock: expect.stringMatching(/^192\.168\.\d+\.0\/21$/) as unknown,
          id: expect.stringMatching(/^[0-9a-f]{24}$/) as unknown,
          providerName: "AWS",
          provisioned: false,
          regionName: "EU_WEST_1",
          vpcId: null,
        },
      ],
      totalCount: 1,
    });
    const gcp = await atlas.containers("GCP");
    expect(gcp.page.results).toEqual([
      expect.objectContaining({ providerName: "GCP", atlasCidrBlock: "192.168.0.0/18" }) as unknown,
    ]);
    expect((await atlas.containers("AZURE")).page.totalCount).toBe(0);
  });

  it("keeps one container when a second service of the provider shares it", async () => {
    await atlas.create({ providerName: "GCP", region: "us-central1" });
    await atlas.create({ providerName: "GCP", region: "us-east4" });
    expect((await atlas.containers("GCP")).page.totalCount).toBe(1);
  });

  it("answers supportedRemoteRegions in Atlas spelling when given", async () => {
    const created = await atlas.create({
      providerName: "AWS",
      region: "us-east-1",
      supportedRemoteRegions: ["us-west-2", "EU_WEST_1"],
    });
    expect(created.service.supportedRemoteRegions).toEqual(["US_WEST_2", "EU_WEST_1"]);
  });

  it("gives a GCP service with port mapping a single attachment", async () => {
    const created = await atlas.create({ providerName: "GCP", region: "us-east4", portMappingEnabled: true });
    expect(created.service.portMappingEnabled).toBe(true);
    const ready = await until(
      () => atlas.get("GCP", created.service.id),
      (a) => a.service.status === "AVAILABLE",
    );
    expect(ready.service.serviceAttachmentNames).toEqual([
      expect.stringMatching(new RegExp(`/regions/us-east4/serviceAttachments/sa-us-east4-${PROJECT}-0$`)) as unknown,
    ]);
  });

  it.each([
    [
      "an unknown region",
      { providerName: "AWS", region: "mars-1" },
      400,
      "INVALID_REGION",
      "No region mars-1 exists for provider AWS.",
    ],
    [
      "an unknown provider",
      { providerName: "IBM", region: "us-east-1" },
      400,
      "INVALID_PROVIDER",
      "No provider IBM exists.",
    ],
    [
      "no providerName",
      { region: "us-east-1" },
      400,
      "MISSING_ATTRIBUTE",
      "The required attribute providerName was not specified.",
    ],
    [
      "no region",
      { providerName: "AWS" },
      400,
      "MISSING_ATTRIBUTE",
      "The required attribute region was not specified.",
    ],
    ["unparseable JSON", "{not json", 400, "INVALID_JSON", "Received JSON does not match expected format."],
    [
      "its own region among the remote ones",
      { providerName: "AWS", region: "us-east-1", supportedRemoteRegions: ["us-west-2", "US_EAST_1"] },
      400,
      "CROSS_REGION_PRIVATE_LINK_SELF_REGION",
      expect.stringContaining("US_EAST_1") as unknown,
    ],
  ])("refuses %s", async (_what, body, status, errorCode, detail) => {
    const answer = await atlas.create(body);
    expect(answer.status).toBe(status);
    expect(answer.headers.get("content-type")).toBe("application/json");
    expect(answer.headers.get("x-error-code")).toBe(errorCode);
    expect(answer.json).toMatchObject({ error: status, errorCode, detail, reason: "Bad Request" });
    expect(await ctl.services()).toEqual([]);
  });
});

describe("update (PATCH)", () => {
  it("replaces an AWS service's remote regions and goes through INITIATING back to AVAILABLE", async () => {
    const atlas = atlasClient(emulator.baseUrl);
    const { id } = (await atlas.create({ providerName: "AWS", region: "us-east-1" })).service;
    const ready = await until(
      () => atlas.get("AWS", id),
      (a) => a.service.status === "AVAILABLE",
    );
    const patched = await atlas.update(id, { cloudProvider: "AWS", supportedRemoteRegions: ["us-west-2"] });
    expect(patched.status).toBe(200);
    expect(patched.json).toEqual({ ...ready.service, status: "INITIATING", supportedRemoteRegions: ["US_WEST_2"] });
    const again = await until(
      () => atlas.get("AWS", id),
      (a) => a.service.status === "AVAILABLE",
    );
    expect(again.json).toEqual({ ...ready.service, supportedRemoteRegions: ["US_WEST_2"] });
  });

  it("refuses to update a non-AWS service", async () => {
    const atlas = atlasClient(emulator.baseUrl);
    const { id } = (await atlas.create({ providerName: "AZURE", region: "eastus" })).service;
    const patched = await atlas.update(id, { cloudProvider: "AZURE", supportedRemoteRegions: [] });
    expect(patched.status).toBe(400);
    expect(patched.error.errorCode).toBe("VALIDATION_ERROR");
  });

  it("answers 404 for an unknown service", async () => {
    const atlas = atlasClient(emulator.baseUrl);
    const patched = await atlas.update("0123456789abcdef01234568", {
      cloudProvider: "AWS",
      supportedRemoteRegions: [],
    });
    expect(patched.status).toBe(404);
    expect(patched.error.errorCode).toBe("PRIVATE_ENDPOINT_SERVICE_NOT_FOUND");
  });
});

describe("reads", () => {
  it("answers 404 when the path names another provider than the service's", async () => {
    const atlas = atlasClient(emulator.baseUrl);
    const { id } = (await atlas.create({ providerName: "AWS", region: "us-east-1" })).service;
    const answer = await atlas.get("AZURE", id);
    expect(answer.status).toBe(404);
    expect(answer.json).toMatchObject({ errorCode: "PRIVATE_ENDPOINT_SERVICE_NOT_FOUND", parameters: [id] });
    expect((await atlas.remove("GCP", id)).status).toBe(404);
  });

  it("answers 400 INVALID_PROVIDER for an unknown provider in the path", async () => {
    const answer = await atlasClient(emulator.baseUrl).list("aws");
    expect(answer.status).toBe(400);
    expect(answer.error.errorCode).toBe("INVALID_PROVIDER");
  });

  it("answers 404 RESOURCE_NOT_FOUND for an unknown route", async () => {
    const answer = await atlasClient(emulator.baseUrl).request("GET", `/groups/${PROJECT}/databaseUsers`);
    expect(answer.status).toBe(404);
    expect(answer.json).toMatchObject({
      errorCode: "RESOURCE_NOT_FOUND",
      parameters: [`/api/atlas/v2/groups/${PROJECT}/databaseUsers`],
    });
  });

  it("answers 404 INVALID_GROUP_ID for a malformed project id", async () => {
    const answer = await atlasClient(emulator.baseUrl, { projectId: "not-a-project" }).list("AWS");
    expect(answer.status).toBe(404);
    expect(answer.json).toMatchObject({
      errorCode: "INVALID_GROUP_ID",
      detail: "An invalid group ID not-a-project was specified.",
    });
  });
});

describe("query flags", () => {
  it("wraps success and error answers in an envelope with HTTP 200 when envelope=true", async () => {
    const atlas = atlasClient(emulator.baseUrl);
    const created = await atlas.request("POST", `/groups/${PROJECT}/privateEndpoint/endpointService?envelope=true`, {
      providerName: "AWS",
      region: "us-east-1",
    });
    expect(created.status).toBe(200);
    expect(created.json).toEqual({
      status: 201,
      content: expect.objectContaining({ status: "INITIATING" }) as unknown,
    });
    const missing = await atlas.request(
      "GET",
      `/groups/${PROJECT}/privateEndpoint/AWS/endpointService/0123456789abcdef01234568?envelope=true`,
    );
    expect(missing.status).toBe(200);
    expect(missing.json).toEqual({
      status: 404,
      content: expect.objectContaining({ error: 404, errorCode: "PRIVATE_ENDPOINT_SERVICE_NOT_FOUND" }) as unknown,
    });
  });

  it("indents the answer like Atlas when pretty=true", async () => {
    const atlas = atlasClient(emulator.baseUrl);
    const created = await atlas.create({ providerName: "AWS", region: "us-east-1" });
    const pretty = await atlas.request("GET", `/groups/${PROJECT}/privateEndpoint/AWS/endpointService?pretty=true`);
    expect(pretty.text).toBe(
      [
        "[ {",
        '  "cloudProvider" : "AWS",',
        '  "endpointServiceName" : null,',
        '  "errorMessage" : null,',
        `  "id" : "${created.service.id}",`,
        '  "interfaceEndpoints" : [ ],',
        '  "regionName" : "US_EAST_1",',
        '  "status" : "INITIATING",',
        '  "supportedRemoteRegions" : null',
        "} ]",
      ].join("\n"),
    );
    const deleted = await atlas.request(
      "DELETE",
      `/groups/${PROJECT}/privateEndpoint/AWS/endpointService/${created.service.id}?pretty=true&envelope=true`,
    );
    expect(deleted.text).toBe('{\n  "status" : 202,\n  "content" : { }\n}');
  });
});

describe("API versions", () => {
  it("answers v2 without the versioned Accept header with 406 INVALID_VERSION_DATE", async () => {
    for (const accept of ["application/json", "*/*"]) {
      const answer = await atlasClient(emulator.baseUrl, { accept }).list("AWS");
      expect(answer.status).toBe(406);
      expect(answer.headers.get("content-type")).toBe("application/json");
      expect(answer.json).toEqual({
        detail: "Invalid accept header or version date.",
        error: 406,
        errorCode: "INVALID_VERSION_DATE",
        parameters: [],
        reason: "Not Acceptable",
      });
    }
  });

  it("serves v1.0 as application/json whatever the Accept header", async () => {
    const answer = await atlasClient(emulator.baseUrl, { version: "v1.0", accept: "*/*" }).list("AWS");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/json");
  });

  it("answers unknown paths outside the API with 404 RESOURCE_NOT_FOUND, no authentication asked", async () => {
    const answer = await send(`${emulator.baseUrl}/nothing/here`);
    expect(answer.status).toBe(404);
    expect(answer.error.errorCode).toBe("RESOURCE_NOT_FOUND");
  });
});

describe("GCP service attachments", () => {
  it.each([
    ["6 by default, as both recordings show", {}, 6],
    ["50 with gcpAttachmentCount: 50, as the Atlas docs say", { gcpAttachmentCount: 50 }, 50],
  ])("%s: fill in a few at a time while INITIATING and are complete only at AVAILABLE", async (_, options, total) => {
    const clock = fakeClock();
    const gcpEmulator = await startEmulator({ now: clock.now, provisionSeconds: 100, ...options });
    try {
      const atlas = atlasClient(gcpEmulator.baseUrl);
      const { id } = (await atlas.create({ providerName: "GCP", region: "us-east4" })).service;
      const seen: { status: string; count: number; names: string[] }[] = [];
      for (let step = 0; step < 10; step++) {
        const { service } = await atlas.get("GCP", id);
        const names = service.serviceAttachmentNames ?? [];
        seen.push({ status: service.status, count: names.length, names });
        clock.advance(10_000);
      }
      const { service: ready } = await atlas.get("GCP", id);
      const readyNames = ready.serviceAttachmentNames ?? [];
      expect(ready.status).toBe("AVAILABLE");
      expect(readyNames).toHaveLength(total);

      expect(seen.every((s) => s.status === "INITIATING")).toBe(true);
      const counts = seen.map((s) => s.count);
      expect(counts[0]).toBe(0);
      expect(counts.slice(1)).toEqual([...counts.slice(1)].sort((a, b) => a - b));
      const partial = counts.filter((c) => c > 0 && c < total);
      expect(partial.length).toBeGreaterThanOrEqual(3);
      expect(Math.max(...counts)).toBeLessThan(total);
      // Every name shown early is one of the final names, in index order.
      for (const s of seen) {
        expect(s.names.every((n) => readyNames.includes(n))).toBe(true);
        const indexes = s.names.map((n) => Number(n.split("-").pop()));
        expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
      }
    } finally {
      await gcpEmulator.close();
    }
  });
});
