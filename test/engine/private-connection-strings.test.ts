/**
 * A program that ends in the cluster's private connection string, through the real engine, the installed package and
 * the emulator: a service and a registered VPC endpoint per region of a two-region cluster, then
 * `PrivateConnectionStrings` over both endpoints. Needs the engine, like engine.test.ts.
 */
import { randomBytes } from "node:crypto";
import { AtlasClient } from "../../provider/atlas/client";
import { EMULATOR_IDENTITY } from "../../emulator";
import type { ExportedResource, PulumiStack } from "../../scripts/lib/pulumi-cli";
import type { EmulatorClusterEntry } from "../support/emulator-control";
import { eventually } from "../support/eventually";
import { describeEngine, outputText, useEngineSuite } from "./engine-harness";

const TEST_TIMEOUT_MS = 180_000;
const STRINGS_TYPE = "pulumi-nodejs:dynamic/mongodbatlas:PrivateConnectionStrings";
const LINK_TYPE = "pulumi-nodejs:dynamic/mongodbatlas:PrivateEndpoint";
const PROJECT = EMULATOR_IDENTITY.projectId;
/** A service ready in 1 s, a registration in 1 s, the cluster UPDATING for 1 s after each endpoint change. */
const TIMINGS = {
  provisionSeconds: 1,
  deletingSeconds: 0.5,
  registrationSeconds: 1,
  registrationDeletingSeconds: 0.5,
  clusterUpdateSeconds: 1,
} as const;

/** One service and VPC endpoint per entry of `links`; the cluster's strings over all of them. */
const PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const { PrivateConnectionStrings, PrivateEndpoint, PrivateEndpointService } = require("pulumi-atlas-private-endpoint");

const config = new pulumi.Config();
const projectId = ${JSON.stringify(PROJECT)};
const links = config.requireObject("links").map((spec) => {
  const service = new PrivateEndpointService(spec.name, { projectId, providerName: "AWS", region: spec.region });
  return new PrivateEndpoint(spec.name + "-link", {
    projectId,
    providerName: "AWS",
    privateLinkId: service.privateLinkId,
    endpointServiceId: spec.endpoint,
  });
});
const strings = new PrivateConnectionStrings("orders-uri", {
  projectId,
  clusterName: config.require("clusterName"),
  endpointIds: links.map((link) => link.endpointServiceId),
});
exports.mongoUri = strings.srvConnectionString;
exports.strings = {
  id: strings.id,
  connectionString: strings.connectionString,
  type: strings.type,
  endpoints: strings.endpoints,
  stateName: strings.stateName,
  clusterRegions: strings.clusterRegions,
};
`;

const vpceId = (): string => `vpce-${randomBytes(9).toString("hex").slice(0, 17)}`;

describeEngine("a program that ends in the cluster's private connection string", () => {
  let stack: PulumiStack | undefined;
  const east = vpceId();
  const west = vpceId();
  const suite = useEngineSuite({ ...TIMINGS, quiet: true }, () => ({
    program: { file: "index.js", source: PROGRAM },
    projectName: "connection-strings-test",
  }));

  beforeAll(async () => {
    if (!suite.started) return; // the suite's setup failed; its error is reported
    await suite.ctl.declareCluster({
      name: "orders",
      clusterType: "REPLICASET",
      regions: [
        { providerName: "AWS", regionName: "us-east-1" },
        { providerName: "AWS", regionName: "eu-west-1" },
      ],
    });
    stack = await suite.stack("strings");
    await stack.setConfig("clusterName", "orders");
    await stack.setConfig(
      "links",
      JSON.stringify([
        { name: "east", region: "us-east-1", endpoint: east },
        { name: "west", region: "eu-west-1", endpoint: west },
      ]),
    );
  }, 300_000);

  const orders = async (): Promise<EmulatorClusterEntry> => {
    const found = (await suite.ctl.clusters()).find((c) => c.name === "orders");
    if (found === undefined) throw new Error("the cluster orders is gone");
    return found;
  };
  const stringsState = async (): Promise<ExportedResource | undefined> =>
    (await (stack as PulumiStack).exportStack()).resources.find((r) => r.type === STRINGS_TYPE);

  it(
    "up links both regions and ends in the entry's SRV string, the installed provider in state",
    async () => {
      const up = await (stack as PulumiStack).up();
      const outputs = await (stack as PulumiStack).outputs();
      const [entry] = (await orders()).privateEndpoint;

      expect(outputs["mongoUri"]).toBe(entry?.srvConnectionString);
      expect(outputs["mongoUri"]).toMatch(/^mongodb\+srv:\/\/orders-pl-0\.[a-z0-9]{6}\.mongodb\.net$/);
      expect(outputs["strings"]).toEqual({
        id: `${PROJECT}:orders:${east},${west}`,
        connectionString: entry?.connectionString,
        type: "MONGOD",
        endpoints: [
          { endpointId: east, providerName: "AWS", region: "US_EAST_1" },
          { endpointId: west, providerName: "AWS", region: "EU_WEST_1" },
        ],
        stateName: "IDLE",
        clusterRegions: [
          { providerName: "AWS", region: "US_EAST_1" },
          { providerName: "AWS", region: "EU_WEST_1" },
        ],
      });
      expect(up.stdout).toMatch(
        new RegExp(
          `PrivateConnectionStrings orders-uri \\(orders\\): orders lists the private endpoint entry of ${east}, ${west}`,
        ),
      );
      const provider = (await stringsState())?.inputs?.["__provider"];
      expect(provider).toContain('require("pulumi-atlas-private-endpoint/provider/private-connection-strings")');
      await (stack as PulumiStack).preview({ expectNoChanges: true });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "refresh after an endpoint is deleted keeps the resource with null strings and says what is missing",
    async () => {
      const atlas = new AtlasClient({
        baseUrl: suite.emulator.baseUrl,
        credentials: { kind: "api-key", ...EMULATOR_IDENTITY.apiKey },
      });
      const link = (await suite.ctl.registrations()).find((r) => r.endpointId === west);
      await atlas.deleteRegistration(PROJECT, "AWS", link?.serviceId ?? "", west);
      await eventually(orders, (c) => c.stateName === "IDLE" && c.privateEndpoint.length === 0, {
        timeoutMs: 20_000,
      });

      const refresh = await (stack as PulumiStack).refresh();
      const state = await stringsState();
      expect(state?.id).toBe(`${PROJECT}:orders:${east},${west}`);
      expect(state?.outputs).toMatchObject({
        connectionString: null,
        srvConnectionString: null,
        type: null,
        endpoints: [],
        stateName: "IDLE",
      });
      expect(outputText(refresh)).toContain(
        `orders no longer lists the private endpoint entry of ${east}, ${west}: ${east} and ${west} are not linked to orders yet; orders has nodes in US_EAST_1 and EU_WEST_1; endpoints are registered in US_EAST_1 only: register one in EU_WEST_1 as well; ${west} is not registered with any endpoint service of the project: register it (PrivateEndpoint).`,
      );
      // The west registration is gone from state too: the next up registers it again.
      const links = (await (stack as PulumiStack).exportStack()).resources.filter((r) => r.type === LINK_TYPE);
      expect(links.map((r) => r.outputs?.["endpointServiceId"])).toEqual([east]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "the next up registers the endpoint again and waits for the entry again",
    async () => {
      const up = await (stack as PulumiStack).up();
      const [entry] = (await orders()).privateEndpoint;
      expect((await (stack as PulumiStack).outputs())["mongoUri"]).toBe(entry?.srvConnectionString);
      expect(up.stdout).toContain(
        "PrivateConnectionStrings orders-uri (orders): the last refresh found no entry for these endpoints; waiting for it again",
      );
      await (stack as PulumiStack).preview({ expectNoChanges: true });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "an unknown cluster fails the up at once, naming the project's clusters; the recorded strings stay",
    async () => {
      await (stack as PulumiStack).setConfig("clusterName", "ordrs");
      const failed = await (stack as PulumiStack).up({ allowFailure: true });
      expect(failed.code).not.toBe(0);
      expect(outputText(failed)).toContain(
        `Atlas has no cluster named "ordrs" in project ${PROJECT} (404 CLUSTER_NOT_FOUND); its clusters are orders.`,
      );
      expect((await stringsState())?.outputs?.["clusterName"]).toBe("orders");
      await (stack as PulumiStack).setConfig("clusterName", "orders");
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "destroy forgets the strings without a request of their own and leaves the emulator empty",
    async () => {
      await suite.ctl.clearRequests();
      await (stack as PulumiStack).destroy();
      const clusterCalls = (await suite.ctl.requests()).filter((r) => r.path.includes("/clusters"));
      expect(clusterCalls).toEqual([]);
      expect(await suite.ctl.registrations()).toEqual([]);
      expect(await suite.ctl.services()).toEqual([]);
      expect(await stringsState()).toBeUndefined();
      await (stack as PulumiStack).removeStack();
    },
    TEST_TIMEOUT_MS,
  );
});
