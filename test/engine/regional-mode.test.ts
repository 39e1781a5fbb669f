/**
 * `PrivateEndpointRegionalMode` through the real engine, the installed package and the emulator. The program declares
 * the setting from stack config (`enabled`); the project's clusters and endpoints are made beside it, as other
 * programs (or people) would. Needs the engine, like engine.test.ts.
 */
import { AtlasClient } from "../../provider/atlas/client";
import { EMULATOR_IDENTITY } from "../../emulator";
import type { PulumiStack } from "../../scripts/lib/pulumi-cli";
import type { RequestLogEntry } from "../support/emulator-control";
import { eventually } from "../support/eventually";
import { describeEngine, outputText, useEngineSuite } from "./engine-harness";

const TEST_TIMEOUT_MS = 180_000;
const TYPE = "pulumi-nodejs:dynamic/mongodbatlas:PrivateEndpointRegionalMode";
const PROJECT = EMULATOR_IDENTITY.projectId;
/** Registrations AVAILABLE in half a second; a cluster UPDATING for 2 s after a change. */
const TIMINGS = { provisionSeconds: 0.5, registrationSeconds: 0.5, clusterUpdateSeconds: 2 } as const;
const REGIONAL_MODE_PATH = `/api/atlas/v2/groups/${PROJECT}/privateEndpoint/regionalMode`;

const PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const { PrivateEndpointRegionalMode } = require("pulumi-atlas-private-endpoint");

const config = new pulumi.Config();
const mode = new PrivateEndpointRegionalMode("regional", {
  projectId: ${JSON.stringify(PROJECT)},
  enabled: config.requireBoolean("enabled"),
});
exports.enabled = mode.enabled;
exports.affectedClusters = mode.affectedClusters;
exports.enabledAtCreate = mode.enabledAtCreate;
`;

const vpce = (n: number): string => `vpce-0${n.toString(16).padStart(16, "0")}`;

describeEngine("PrivateEndpointRegionalMode through the Pulumi engine", () => {
  const suite = useEngineSuite({ ...TIMINGS, quiet: true }, () => ({
    program: { file: "index.js", source: PROGRAM },
    projectName: "regional-mode-test",
  }));

  async function newStack(name: string, enabled: boolean): Promise<PulumiStack> {
    const stack = await suite.stack(name);
    await stack.setConfig("enabled", String(enabled));
    return stack;
  }

  /** Requests Atlas answered (digest challenges left out), as `METHOD path status`. */
  const answered = async (): Promise<string[]> =>
    (await suite.ctl.requests())
      .filter((r) => r.status !== 401)
      .map((r: RequestLogEntry) => `${r.method} ${r.path} ${r.status}`);
  const patches = async (): Promise<string[]> => (await answered()).filter((line) => line.startsWith("PATCH"));
  const setting = async (): Promise<boolean[]> => (await suite.ctl.regionalModes()).map((mode) => mode.enabled);

  function atlas(): AtlasClient {
    const baseUrl = suite.emulator.baseUrl;
    return new AtlasClient({ baseUrl, credentials: { kind: "api-key", ...EMULATOR_IDENTITY.apiKey } });
  }

  /** An AWS service in `region` with VPC endpoints registered; resolves once they are AVAILABLE and taken in. */
  async function awsEndpoints(region: string, ids: readonly string[]): Promise<string> {
    const client = atlas();
    const service = await client.createEndpointService(PROJECT, { providerName: "AWS", region });
    await suite.ctl.patchService(service.id, { status: "AVAILABLE" });
    for (const id of ids) await client.createRegistration(PROJECT, "AWS", service.id, { id });
    await eventually(
      () => suite.ctl.registrations(),
      (all) => all.filter((r) => r.serviceId === service.id).every((r) => r.status === "AVAILABLE"),
    );
    await eventually(
      () => suite.ctl.clusters(),
      (all) => all.every((c) => c.stateName === "IDLE"),
    );
    return service.id;
  }

  describe("one stack through its life", () => {
    let stack: PulumiStack;
    let east: string;

    beforeAll(async () => {
      if (!suite.started) return; // the suite's setup failed; its error is reported
      await suite.ctl.reset();
      await suite.ctl.settings(TIMINGS);
      await suite.ctl.declareCluster({
        name: "orders",
        clusterType: "SHARDED",
        regions: [
          { providerName: "AWS", regionName: "us-east-1" },
          { providerName: "AWS", regionName: "us-west-2" },
        ],
      });
      await suite.ctl.declareCluster({
        name: "billing",
        clusterType: "REPLICASET",
        regions: [{ providerName: "AWS", regionName: "us-east-1" }],
      });
      east = await awsEndpoints("us-east-1", [vpce(1)]);
      await awsEndpoints("us-west-2", [vpce(2)]);
      stack = await newStack("life", true);
    }, TEST_TIMEOUT_MS);

    it(
      "refuses to turn it on while the project has a replica set, naming it, before any PATCH",
      async () => {
        await suite.ctl.clearRequests();
        const failed = await stack.up({ allowFailure: true });

        expect(failed.code).not.toBe(0);
        expect(outputText(failed)).toContain(
          `Cannot turn regional mode (regionalized private endpoints) on in project ${PROJECT}: Atlas allows it only when every cluster of the project is sharded, and billing is a replica set.`,
        );
        expect(await patches()).toEqual([]);
        expect(await setting()).toEqual([false]);
        expect((await stack.exportStack()).resources.filter((r) => r.type === TYPE)).toEqual([]);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      "turns it on in the sharded-only project (a 200 PATCH, 429 and 503 in the wait); each region gets its string",
      async () => {
        await suite.ctl.removeCluster(PROJECT, "billing");
        await suite.ctl.settings({ regionalModePatchStatus: 200 });
        await suite.ctl.addFault({
          path: "/clusters$",
          method: "GET",
          skip: 1,
          status: 429,
          headers: { "Retry-After": "0" },
        });
        await suite.ctl.addFault({ path: "/clusters$", method: "GET", skip: 1, status: 503 });
        await suite.ctl.clearRequests();

        const up = await stack.up();

        expect(await stack.outputs()).toEqual({ enabled: true, affectedClusters: ["orders"], enabledAtCreate: false });
        expect(await patches()).toEqual([`PATCH ${REGIONAL_MODE_PATH} 200`]);
        const lists = (await answered()).filter((line) => line.includes("/clusters?"));
        expect(lists.slice(0, 4).map((line) => line.split(" ").pop())).toEqual(["200", "429", "503", "200"]);
        expect(up.stdout).toContain(
          `PrivateEndpointRegionalMode regional (project ${PROJECT}): turning regional mode (regionalized private endpoints) on in project ${PROJECT}: the connection strings of orders change`,
        );
        const orders = (await suite.ctl.clusters()).find((c) => c.name === "orders");
        expect(orders?.stateName).toBe("IDLE");
        expect(orders?.privateEndpoint.map((e) => [e.srvConnectionString, e.endpoints.map((p) => p.region)])).toEqual([
          [`mongodb+srv://orders-pl-0-us-east-1.${orders?.subdomain}.mongodb.net`, ["US_EAST_1"]],
          [`mongodb+srv://orders-pl-0-us-west-2.${orders?.subdomain}.mongodb.net`, ["US_WEST_2"]],
        ]);
        await suite.ctl.settings({ regionalModePatchStatus: 202 });
        await stack.preview({ expectNoChanges: true });
      },
      TEST_TIMEOUT_MS,
    );

    it(
      "refuses to turn it off while one region holds two endpoints and another one, before any PATCH",
      async () => {
        const client = atlas();
        await client.createRegistration(PROJECT, "AWS", east, { id: vpce(3) });
        await eventually(
          () => suite.ctl.registrations(),
          (all) => all.every((r) => r.status === "AVAILABLE"),
        );
        await stack.setConfig("enabled", "false");
        await suite.ctl.clearRequests();

        const failed = await stack.up({ allowFailure: true });

        expect(failed.code).not.toBe(0);
        expect(outputText(failed)).toContain(
          `Cannot turn regional mode (regionalized private endpoints) off in project ${PROJECT}: Atlas refuses it while one region holds more than one private endpoint and another region holds any`,
        );
        expect(outputText(failed)).toContain(
          `AWS US_EAST_1: 2 (${vpce(1)}, ${vpce(3)}); AWS US_WEST_2: 1 (${vpce(2)})`,
        );
        expect(await patches()).toEqual([]);
        expect(await setting()).toEqual([true]);
        await client.deleteRegistration(PROJECT, "AWS", east, vpce(3));
        await eventually(
          () => suite.ctl.registrations(),
          (all) => all.length === 2,
        );
      },
      TEST_TIMEOUT_MS,
    );

    it(
      "destroy turns it back off, as this resource found it, and waits for the clusters",
      async () => {
        await stack.setConfig("enabled", "true");
        await suite.ctl.clearRequests();
        await stack.destroy();

        expect(await patches()).toEqual([`PATCH ${REGIONAL_MODE_PATH} 202`]);
        expect(await setting()).toEqual([false]);
        expect((await suite.ctl.clusters()).map((c) => [c.name, c.stateName])).toEqual([["orders", "IDLE"]]);
        await stack.removeStack();
      },
      TEST_TIMEOUT_MS,
    );
  });

  it(
    "already on when created: up changes nothing, and destroy leaves it on",
    async () => {
      await suite.ctl.reset();
      await suite.ctl.settings(TIMINGS);
      await suite.ctl.setRegionalMode(PROJECT, true);
      const stack = await newStack("adopted", true);
      await suite.ctl.clearRequests();
      await stack.up();
      expect(await stack.outputs()).toEqual({ enabled: true, affectedClusters: [], enabledAtCreate: true });

      await stack.destroy();

      expect(await patches()).toEqual([]);
      expect(await setting()).toEqual([true]);
      await stack.removeStack();
    },
    TEST_TIMEOUT_MS,
  );
});
