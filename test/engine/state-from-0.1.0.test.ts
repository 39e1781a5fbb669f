/**
 * A state written by 0.1.0 still refreshes and destroys with this package: its resources carry a `__provider` that
 * `require`s `pulumi-atlas-private-endpoint/provider`, forever.
 *
 * fixtures/state-from-0.1.0.json is `pulumi stack export` of the 0.1.0 quickstart (in JavaScript, {@link PROGRAM})
 * after `pulumi up` against the emulator, made once by hand: `git worktree add /tmp/v010 ed97e6c` (the 0.1.0 code),
 * `npm ci && npm run build && npm pack` there, install that tarball beside `@pulumi/pulumi@3.248.0`, stack `legacy`,
 * passphrase {@link FIXTURE_PASSPHRASE}, emulator on port 18484 with its built-in key. A committed fixture, because
 * building 0.1.0 in every run costs about two minutes (its `npm ci` alone) and an old checkout may not build on a
 * newer toolchain; the file holds the exact `__provider` text 0.1.0 wrote, which is what must keep working. The only
 * secret in it is the emulator's built-in private key, encrypted with that passphrase.
 *
 * The test creates the service the state refers to in a fresh emulator, then puts that service's id and the
 * emulator's URL where the fixture had the old ones (refresh and destroy configure the default provider from the
 * state), imports the result into a stack of the same project and stack name with this package installed, and runs
 * `pulumi refresh` and `pulumi destroy`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { EMULATOR_IDENTITY } from "../../emulator";
import type { ExportedResource, PulumiStack } from "../../scripts/lib/pulumi-cli";
import { atlasClient } from "../emulator/helpers/atlas-client";
import { eventually } from "../support/eventually";
import { FAST_TIMINGS } from "../support/provider-harness";
import { describeEngine, useEngineSuite } from "./engine-harness";

const TEST_TIMEOUT_MS = 180_000;
const FIXTURE = path.join(__dirname, "fixtures", "state-from-0.1.0.json");
/** The passphrase the fixture's secrets are encrypted with (they hold the emulator's built-in key only). */
const FIXTURE_PASSPHRASE = "fixture-passphrase-0.1.0";
/** What the fixture holds that belongs to the emulator it was made with. */
const FIXTURE_SERVICE_ID = "6b0d2791399450ac6ff3ea0a";
const FIXTURE_BASE_URL = "http://127.0.0.1:18484";
const SERVICE_TYPE = "pulumi-nodejs:dynamic/mongodbatlas:PrivateEndpointService";
/** The `__provider` text of every 0.1.0 service: what this package must keep honouring. */
const PROVIDER_0_1_0 = [
  "exports.handler = __f0;",
  'const provider = require("pulumi-atlas-private-endpoint/provider");',
  "",
  "function __f0() {",
  "  return (function() {",
  "    with({ this: undefined, arguments: undefined }) {",
  "",
  "return () => provider;",
  "",
  "    }",
  "  }).apply(undefined, undefined).apply(this, arguments);",
  "}",
  "",
].join("\n");

/** The program the fixture was made with (the 0.1.0 quickstart in JavaScript). */
const PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const { PrivateEndpointService } = require("pulumi-atlas-private-endpoint");

const config = new pulumi.Config();
const projectId = config.get("projectId") ?? "0123456789abcdef01234567";
const region = config.get("region") ?? "us-east-1";

const service = new PrivateEndpointService("quickstart", { projectId, providerName: "AWS", region });

exports.endpointServiceName = service.endpointServiceName;
exports.privateLinkId = service.privateLinkId;
exports.status = service.status;
exports.regionName = service.regionName;
exports.interfaceEndpoints = service.interfaceEndpoints;
`;

describeEngine("a state written by 0.1.0, with this package installed", () => {
  let stack: PulumiStack | undefined;
  let serviceId: string;
  const suite = useEngineSuite({ ...FAST_TIMINGS, quiet: true }, () => ({
    program: { file: "index.js", source: PROGRAM },
    projectName: "state-from-0-1-0",
  }));

  const services = (resources: ExportedResource[]): ExportedResource[] =>
    resources.filter((r) => r.type === SERVICE_TYPE);

  it(
    "imports with the exact __provider 0.1.0 wrote",
    async () => {
      const fixture = fs.readFileSync(FIXTURE, "utf8");
      const written = services(
        (JSON.parse(fixture) as { deployment: { resources: ExportedResource[] } }).deployment.resources,
      );
      expect(written.map((r) => [r.inputs?.["__provider"], r.outputs?.["__provider"]])).toEqual([
        [PROVIDER_0_1_0, PROVIDER_0_1_0],
      ]);

      // The service the state refers to, made in this emulator the way Atlas makes it.
      const atlas = atlasClient(suite.emulator.baseUrl);
      const created = await atlas.create({ providerName: "AWS", region: "US_EAST_1" });
      expect(created.status).toBe(201);
      serviceId = created.service.id;
      await eventually(
        () => suite.ctl.services(),
        (list) => list.some((s) => s.id === serviceId && s.status === "AVAILABLE"),
      );

      const state = fixture
        .replaceAll(FIXTURE_SERVICE_ID, serviceId)
        .replaceAll(FIXTURE_BASE_URL, suite.emulator.baseUrl);
      const file = path.join(suite.program.dir, "state.json");
      fs.writeFileSync(file, state);
      stack = await suite.stack("legacy", { passphrase: FIXTURE_PASSPHRASE });
      await stack.run(["stack", "import", "--file", file]);

      const imported = services((await stack.exportStack()).resources);
      expect(imported.map((r) => [r.id, r.inputs?.["__provider"], r.outputs?.["__provider"]])).toEqual([
        [serviceId, PROVIDER_0_1_0, PROVIDER_0_1_0],
      ]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "refresh reads the service through the new package",
    async () => {
      await suite.ctl.clearRequests();
      await (stack as PulumiStack).refresh();

      const view = (await suite.ctl.services()).find((s) => s.id === serviceId);
      const [refreshed] = services((await (stack as PulumiStack).exportStack()).resources);
      expect(refreshed?.outputs).toMatchObject({
        privateLinkId: serviceId,
        status: "AVAILABLE",
        regionName: "US_EAST_1",
        projectId: EMULATOR_IDENTITY.projectId,
        endpointServiceName: view?.service["endpointServiceName"],
        interfaceEndpoints: [],
      });
      const reads = (await suite.ctl.requests()).filter((r) => r.method === "GET" && r.status === 200);
      expect(reads.map((r) => r.path)).toContainEqual(expect.stringContaining(`/endpointService/${serviceId}`));
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "destroy deletes the service and leaves the emulator and the state empty",
    async () => {
      await suite.ctl.clearRequests();
      await (stack as PulumiStack).destroy();

      const deletes = (await suite.ctl.requests()).filter((r) => r.method === "DELETE" && r.status !== 401);
      expect(deletes.map((r) => [r.path.endsWith(`/endpointService/${serviceId}`), r.status])).toEqual([[true, 202]]);
      expect(await suite.ctl.services()).toEqual([]);
      expect(services((await (stack as PulumiStack).exportStack()).resources)).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
