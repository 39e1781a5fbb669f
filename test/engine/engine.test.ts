/**
 * The real Pulumi engine (CLI, Node.js language host, dynamic-provider plugin) running a program that uses the
 * package as installed from its `npm pack` tarball, against an in-process Atlas emulator. One program, driven by
 * stack config (`services`: the services to declare), so each scenario only changes config.
 *
 * Needs the engine: `export PATH=$(scripts/ensure-pulumi.sh):$PATH` (or the cached build of that script). Without
 * it the suite is skipped, except under CI=true, where that is a failure.
 */
import { randomBytes } from "node:crypto";
import { eventually } from "../support/eventually";
import * as fs from "node:fs";
import * as path from "node:path";
import { EMULATOR_IDENTITY } from "../../emulator";
import type { CliResult, ExportedResource, PulumiStack } from "../../scripts/lib/pulumi-cli";
import type { EmulatorServiceEntry, RequestLogEntry } from "../support/emulator-control";
import { describeEngine, outputText, useEngineSuite } from "./engine-harness";

const TEST_TIMEOUT_MS = 180_000;
const RESOURCE_TYPE = "pulumi-nodejs:dynamic/mongodbatlas:PrivateEndpointService";
const PROJECT = EMULATOR_IDENTITY.projectId;
/** A project only the marker credentials may touch: success there proves they were the ones used. */
const MARKER_PROJECT = "fedcba9876543210fedcba98";

/** The program: one PrivateEndpointService per entry of the `services` config value; every output exported. */
const PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const { PrivateEndpointService } = require("pulumi-atlas-private-endpoint");

const config = new pulumi.Config();
const projectId = config.get("projectId") || ${JSON.stringify(PROJECT)};
const OPTIONAL = ["portMappingEnabled", "supportedRemoteRegions", "deleteOnCreateTimeout", "adoptExisting", "timeouts"];
const OUTPUTS = ["privateLinkId", "status", "errorMessage", "regionName", "endpointServiceName", "interfaceEndpoints",
  "supportedRemoteRegions", "privateEndpoints", "privateLinkServiceName", "privateLinkServiceResourceId",
  "endpointGroupNames", "serviceAttachmentNames", "portMappingEnabled"];

const services = {};
for (const spec of config.requireObject("services")) {
  const args = { projectId, providerName: spec.providerName, region: spec.region };
  for (const key of OPTIONAL) if (spec[key] !== undefined) args[key] = spec[key];
  const service = new PrivateEndpointService(spec.name, args);
  const out = { id: service.id };
  for (const key of OUTPUTS) out[key] = service[key];
  services[spec.name] = out;
}
exports.services = services;
`;

/** One entry of the `services` config value. */
interface ServiceSpec {
  name: string;
  providerName: "AWS" | "AZURE" | "GCP";
  region: string;
  portMappingEnabled?: boolean;
  supportedRemoteRegions?: string[];
  timeouts?: { create?: string; update?: string; delete?: string };
}

type ServiceOutputs = Record<string, unknown> & { id: string; status: string; regionName: string };

const markers = {
  publicKey: `marker-public-${hex(4)}`,
  privateKey: `marker-private-key-${hex(12)}`,
  clientId: `mdb_sa_id_marker_${hex(4)}`,
  clientSecret: `marker-client-secret-${hex(12)}`,
};

function hex(bytes: number): string {
  return randomBytes(bytes).toString("hex");
}

describeEngine("the Pulumi engine with the installed package", () => {
  const suite = useEngineSuite(
    {
      provisionSeconds: 1,
      deletingSeconds: 0.5,
      updateSeconds: 1,
      config: {
        apiKeys: [
          { publicKey: markers.publicKey, privateKey: markers.privateKey, roles: { [MARKER_PROJECT]: "GROUP_OWNER" } },
        ],
        serviceAccounts: [
          {
            clientId: markers.clientId,
            clientSecret: markers.clientSecret,
            roles: { [MARKER_PROJECT]: "GROUP_OWNER" },
          },
        ],
      },
    },
    () => ({ program: { file: "index.js", source: PROGRAM }, projectName: "engine-test" }),
  );

  /** A stack of the program, pointed at the emulator (config below overrides; `null` leaves a key out). */
  async function newStack(
    name: string,
    config: Record<string, string | null> = {},
    env: NodeJS.ProcessEnv = {},
  ): Promise<PulumiStack> {
    return suite.stack(name, { config, env });
  }

  const setServices = (stack: PulumiStack, services: ServiceSpec[]): Promise<CliResult> =>
    stack.setConfig("services", JSON.stringify(services));

  async function outputsOf(stack: PulumiStack): Promise<Record<string, ServiceOutputs>> {
    return (await stack.outputs())["services"] as Record<string, ServiceOutputs>;
  }

  const ours = (resources: ExportedResource[]): ExportedResource[] => resources.filter((r) => r.type === RESOURCE_TYPE);
  const text = outputText;
  const byProvider = (services: EmulatorServiceEntry[], provider: string): EmulatorServiceEntry[] =>
    services.filter((s) => s.cloudProvider === provider);
  /** A create request Atlas answered (digest's 401 challenges are not attempts: the client repeats them signed). */
  const isCreate = (r: RequestLogEntry): boolean =>
    r.method === "POST" && /\/endpointService(\?|$)/.test(r.path) && r.status !== 401;

  describe("one stack with AWS, Azure and GCP services", () => {
    let stack: PulumiStack;
    let firstUp: CliResult;
    let before: Record<string, ServiceOutputs>;
    const services: ServiceSpec[] = [
      { name: "aws", providerName: "AWS", region: "us-east-1" },
      { name: "azure", providerName: "AZURE", region: "eastus2" },
      { name: "gcp", providerName: "GCP", region: "us-central1", portMappingEnabled: true },
    ];
    const spec = (name: string): ServiceSpec => services.find((s) => s.name === name) as ServiceSpec;

    beforeAll(async () => {
      if (!suite.started) return; // the suite's setup failed; its error is reported
      await suite.ctl.reset();
      stack = await newStack("clouds");
      await setServices(stack, services);
    }, TEST_TIMEOUT_MS);

    it(
      "up creates all three with correct outputs; a second preview expects no changes",
      async () => {
        firstUp = await stack.up();
        const outs = await outputsOf(stack);
        const { aws, azure, gcp } = outs as Record<"aws" | "azure" | "gcp", ServiceOutputs>;

        expect(aws).toMatchObject({
          status: "AVAILABLE",
          privateLinkId: aws.id,
          regionName: "US_EAST_1",
          interfaceEndpoints: [],
          supportedRemoteRegions: [],
          errorMessage: null,
        });
        expect(aws["endpointServiceName"]).toMatch(/^com\.amazonaws\.vpce\.us-east-1\.vpce-svc-[0-9a-f]+$/);
        expect(azure).toMatchObject({
          status: "AVAILABLE",
          privateLinkId: azure.id,
          regionName: "US_EAST_2",
          privateEndpoints: [],
          privateLinkServiceName: `pls_${azure.id}`,
          endpointServiceName: null,
        });
        expect(azure["privateLinkServiceResourceId"]).toMatch(
          new RegExp(
            `^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Network/privateLinkServices/pls_${azure.id}$`,
          ),
        );
        expect(gcp).toMatchObject({
          status: "AVAILABLE",
          privateLinkId: gcp.id,
          regionName: "CENTRAL_US",
          portMappingEnabled: true,
        });
        expect(gcp["serviceAttachmentNames"]).toEqual([
          expect.stringMatching(/^projects\/p-[a-z0-9]{24}\/regions\/us-central1\/serviceAttachments\//),
        ]);

        const inEmulator = await suite.ctl.services();
        expect(inEmulator.map((s) => [s.id, s.cloudProvider, s.regionName, s.status]).sort()).toEqual(
          [
            [aws.id, "AWS", "US_EAST_1", "AVAILABLE"],
            [azure.id, "AZURE", "US_EAST_2", "AVAILABLE"],
            [gcp.id, "GCP", "CENTRAL_US", "AVAILABLE"],
          ].sort(),
        );
        await stack.preview({ expectNoChanges: true });
        before = outs;
      },
      TEST_TIMEOUT_MS,
    );

    it("up shows the provider's progress lines, each naming its resource", () => {
      for (const [name, where] of [
        ["aws", "AWS us-east-1"],
        ["azure", "AZURE eastus2"],
        ["gcp", "GCP us-central1"],
      ] as const) {
        const id = before[name]?.id as string;
        expect(firstUp.stdout).toContain(
          `PrivateEndpointService ${name} (${where}): Atlas accepted endpoint service ${id}; waiting until it is ready`,
        );
        expect(firstUp.stdout).toMatch(
          new RegExp(`PrivateEndpointService ${name} \\(${where}\\): endpoint service ${id} is AVAILABLE after`),
        );
      }
    });

    it(
      "respelling the region (us-east-1 → US_EAST_1) is no change",
      async () => {
        spec("aws").region = "US_EAST_1";
        await setServices(stack, services);
        await stack.preview({ expectNoChanges: true });
      },
      TEST_TIMEOUT_MS,
    );

    it(
      "a new region is a replace: preview shows it; up leaves one AWS service, in the new region",
      async () => {
        spec("aws").region = "us-west-2";
        await setServices(stack, services);
        const preview = await stack.preview({ diff: true });
        expect(preview.stdout).toMatch(
          /\+-\s*pulumi-nodejs:dynamic\/mongodbatlas:PrivateEndpointService: \(replace\)[\s\S]*\[urn=[^\]]*::aws\]/,
        );
        expect(preview.stdout).toMatch(/~ region\s*: "us-east-1" => "us-west-2"/);
        expect(preview.stdout).toMatch(/\+- ?1 to replace/);

        await stack.up();
        const aws = (await outputsOf(stack))["aws"] as ServiceOutputs;
        expect(aws).toMatchObject({ status: "AVAILABLE", regionName: "US_WEST_2" });
        expect(aws.id).not.toBe(before["aws"]?.id);
        const inEmulator = await suite.ctl.services();
        expect(byProvider(inEmulator, "AWS").map((s) => [s.id, s.regionName])).toEqual([[aws.id, "US_WEST_2"]]);
        expect(inEmulator).toHaveLength(3);
        before["aws"] = aws;
      },
      TEST_TIMEOUT_MS,
    );

    it(
      "portMappingEnabled on GCP (same region) deletes the old service before creating the new one: no 409",
      async () => {
        const oldId = before["gcp"]?.id as string;
        spec("gcp").portMappingEnabled = false;
        await setServices(stack, services);
        await suite.ctl.clearRequests();
        await stack.up();

        const log = await suite.ctl.requests();
        expect(log.filter((r) => r.status === 409)).toEqual([]);
        const deleteOld = log.find((r) => r.method === "DELETE" && r.path.includes(oldId) && r.status !== 401);
        const creates = log.filter(isCreate);
        expect(deleteOld?.status).toBe(202);
        expect(creates).toHaveLength(1);
        expect(creates[0]?.status).toBe(201);
        expect((deleteOld as RequestLogEntry).seq).toBeLessThan((creates[0] as RequestLogEntry).seq);

        const gcp = (await outputsOf(stack))["gcp"] as ServiceOutputs;
        expect(gcp).toMatchObject({ status: "AVAILABLE", regionName: "CENTRAL_US", portMappingEnabled: false });
        expect(gcp.id).not.toBe(oldId);
        expect(byProvider(await suite.ctl.services(), "GCP").map((s) => s.id)).toEqual([gcp.id]);
        before["gcp"] = gcp;
      },
      TEST_TIMEOUT_MS,
    );

    it(
      "supportedRemoteRegions changes in place: a PATCH, no POST",
      async () => {
        spec("aws").supportedRemoteRegions = ["us-east-1", "eu-west-1"];
        await setServices(stack, services);
        const preview = await stack.preview({ diff: true });
        expect(preview.stdout).toMatch(/~ ?1 to update/);
        await suite.ctl.clearRequests();
        await stack.up();

        const log = await suite.ctl.requests();
        const awsId = before["aws"]?.id as string;
        expect(
          log.filter((r) => r.method === "PATCH" && r.path.includes(awsId) && r.status !== 401).map((r) => r.status),
        ).toEqual([200]);
        expect(log.filter(isCreate)).toEqual([]);
        expect(log.filter((r) => r.method === "DELETE")).toEqual([]);
        const aws = (await outputsOf(stack))["aws"] as ServiceOutputs;
        expect(aws.id).toBe(awsId);
        expect([...(aws["supportedRemoteRegions"] as string[])].sort()).toEqual(["EU_WEST_1", "US_EAST_1"]);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      "destroy leaves the emulator with no services",
      async () => {
        await stack.destroy();
        expect(await suite.ctl.services()).toEqual([]);
        expect(ours((await stack.exportStack()).resources)).toEqual([]);
        await stack.removeStack();
      },
      TEST_TIMEOUT_MS,
    );
  });

  describe("failures, timeouts and drift on one stack", () => {
    let stack: PulumiStack;

    beforeAll(async () => {
      if (!suite.started) return; // the suite's setup failed; its error is reported
      await suite.ctl.reset();
      stack = await newStack("drift");
    }, TEST_TIMEOUT_MS);

    it(
      "a service Atlas reports FAILED during create: up fails with Atlas' message, the service stays in state; the next up replaces it",
      async () => {
        const message = `emulated provisioning failure ${hex(4)}`;
        await setServices(stack, [{ name: "flaky", providerName: "AWS", region: "us-east-2" }]);
        await suite.ctl.settings({ provisionSeconds: 60 });
        const failing = stack.up({ allowFailure: true });
        const entry = await eventually(
          () => suite.ctl.services(),
          (list) => list.length > 0,
          { timeoutMs: 60_000, intervalMs: 100 },
        );
        const failedId = (entry[0] as EmulatorServiceEntry).id;
        await suite.ctl.patchService(failedId, { status: "FAILED", errorMessage: message });
        const result = await failing;

        expect(result.code).not.toBe(0);
        expect(text(result)).toContain(message);
        const recorded = ours((await stack.exportStack()).resources);
        expect(recorded.map((r) => [r.id, r.outputs?.["status"], r.outputs?.["errorMessage"]])).toEqual([
          [failedId, "FAILED", message],
        ]);

        await suite.ctl.settings({ provisionSeconds: 1 });
        const preview = await stack.preview({ diff: true });
        expect(preview.stdout).toMatch(/\+- ?1 to replace/);
        await stack.up();
        const flaky = (await outputsOf(stack))["flaky"] as ServiceOutputs;
        expect(flaky).toMatchObject({ status: "AVAILABLE", regionName: "US_EAST_2" });
        expect(flaky.id).not.toBe(failedId);
        expect((await suite.ctl.services()).map((s) => [s.id, s.status])).toEqual([[flaky.id, "AVAILABLE"]]);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      "a create timeout keeps the service in state; the next up with a longer timeout resumes it without a second POST",
      async () => {
        await setServices(stack, []);
        await stack.up();
        expect(await suite.ctl.services()).toEqual([]);
        await suite.ctl.settings({ provisionSeconds: 300 });
        await suite.ctl.clearRequests();
        await setServices(stack, [
          { name: "slow", providerName: "AWS", region: "eu-west-1", timeouts: { create: "2s" } },
        ]);
        const failed = await stack.up({ allowFailure: true });

        expect(failed.code).not.toBe(0);
        expect(text(failed)).toContain("was not ready within timeouts.create (2s)");
        const recorded = ours((await stack.exportStack()).resources);
        expect(recorded.map((r) => [r.urn.split("::").pop(), r.outputs?.["status"]])).toEqual([["slow", "INITIATING"]]);
        const slowId = recorded[0]?.id as string;
        expect((await suite.ctl.requests()).filter(isCreate)).toHaveLength(1);

        // Hold the service in INITIATING until the next up has looked at it, then let it finish in 3 s: the resumed
        // wait must see it pending, however long the engine takes to start.
        await suite.ctl.settings({ provisionSeconds: 3 });
        await suite.ctl.patchService(slowId, { status: "INITIATING", stuck: true });
        await setServices(stack, [
          { name: "slow", providerName: "AWS", region: "eu-west-1", timeouts: { create: "2m", update: "2m" } },
        ]);
        await suite.ctl.clearRequests();
        const resuming = stack.up();
        await eventually(
          () => suite.ctl.requests(),
          (log) =>
            log.some((r) => r.method === "GET" && r.status === 200 && r.path.endsWith(`/endpointService/${slowId}`)),
          { timeoutMs: 60_000, intervalMs: 100 },
        );
        await suite.ctl.patchService(slowId, { status: "INITIATING", stuck: false });
        const resumed = await resuming;

        expect(resumed.stdout).toContain(`endpoint service ${slowId} is INITIATING; resuming the wait`);
        expect((await suite.ctl.requests()).filter(isCreate)).toHaveLength(0); // the log was cleared after the one POST
        const slow = (await outputsOf(stack))["slow"] as ServiceOutputs;
        expect(slow).toMatchObject({ id: slowId, status: "AVAILABLE", regionName: "EU_WEST_1" });
        expect((await suite.ctl.services()).map((s) => [s.id, s.status])).toEqual([[slowId, "AVAILABLE"]]);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      "a service deleted outside Pulumi leaves the state on refresh; the next up creates it again",
      async () => {
        const goneId = ((await outputsOf(stack))["slow"] as ServiceOutputs).id;
        await suite.ctl.patchService(goneId, { remove: true });
        await stack.refresh();
        expect(ours((await stack.exportStack()).resources)).toEqual([]);

        await suite.ctl.clearRequests();
        await stack.up();
        expect((await suite.ctl.requests()).filter(isCreate)).toHaveLength(1);
        const slow = (await outputsOf(stack))["slow"] as ServiceOutputs;
        expect(slow.id).not.toBe(goneId);
        expect((await suite.ctl.services()).map((s) => [s.id, s.status])).toEqual([[slow.id, "AVAILABLE"]]);

        await stack.destroy();
        expect(await suite.ctl.services()).toEqual([]);
        await stack.removeStack();
      },
      TEST_TIMEOUT_MS,
    );
  });

  describe("credentials never leak", () => {
    const one: ServiceSpec[] = [{ name: "creds", providerName: "AWS", region: "ap-southeast-2" }];
    const base = { projectId: MARKER_PROJECT, "mongodbatlas:publicKey": null };

    beforeAll(async () => {
      if (suite.started) await suite.ctl.reset();
    }, TEST_TIMEOUT_MS);

    /**
     * Up, preview and destroy with the engine's logs on stderr (`--logtostderr --logflow -v=N`); then the stack export,
     * every output and every file under PULUMI_HOME, the backend and TMPDIR must be free of `secrets`.
     */
    async function upDestroyAndSearch(
      stack: PulumiStack,
      secrets: string[],
      expectedAuth: string,
      verbosity: number,
      env: NodeJS.ProcessEnv = {},
    ): Promise<void> {
      await setServices(stack, one);
      await suite.ctl.clearRequests();
      const results: CliResult[] = [];
      results.push(await stack.up({ verbosity, env }));
      const outs = (await outputsOf(stack))["creds"] as ServiceOutputs;
      expect(outs).toMatchObject({ status: "AVAILABLE", regionName: "AP_SOUTHEAST_2" });
      expect((await suite.ctl.services()).map((s) => [s.id, s.projectId])).toEqual([[outs.id, MARKER_PROJECT]]);
      const atlasCalls = (await suite.ctl.requests()).filter((r) => r.projectId === MARKER_PROJECT && r.status < 400);
      expect(atlasCalls.length).toBeGreaterThan(0);
      expect(new Set(atlasCalls.map((r) => r.auth))).toEqual(new Set([expectedAuth]));

      results.push(await stack.preview({ verbosity, env, expectNoChanges: true }));
      const exported = await stack.exportStack();
      results.push(await stack.destroy({ verbosity, env }));
      expect(await suite.ctl.services()).toEqual([]);

      const haystacks: { where: string; text: string }[] = [
        { where: "pulumi stack export", text: exported.text },
        ...results.map((r) => ({ where: `output of ${r.command}`, text: text(r) })),
        ...stack.files().map((file) => ({ where: file, text: fs.readFileSync(file, "latin1") })),
        {
          where: `Pulumi.${stack.name}.yaml`,
          text: fs.readFileSync(path.join(stack.projectDir, `Pulumi.${stack.name}.yaml`), "utf8"),
        },
      ];
      // The engine's logs are really there (so the search means something).
      expect(results[0]?.stderr).toMatch(/"level":"INFO"|^I\d{4} /m);
      const leaks = haystacks.flatMap(({ where, text: t }) =>
        secrets.filter((s) => t.includes(s)).map((s) => `${s.slice(0, 12)}… in ${where}`),
      );
      expect(leaks).toEqual([]);
      await stack.removeStack();
    }

    // -v=6 here: from -v=7 on, the engine itself logs the decrypted stack config it hands to the dynamic provider
    // ("Planner decided to create …pulumi-nodejs::default (inputs=…)", "Marshaling property for RPC[…Configure()…]"),
    // whatever the provider does. Pulumi 3.248.0 behaviour, not ours; environment credentials are checked at -v=9.
    it(
      "an API key from `pulumi config set --secret` (engine logs at -v=6)",
      async () => {
        const stack = await newStack("creds-config", {
          ...base,
          "mongodbatlas:publicKey": markers.publicKey,
          "mongodbatlas:privateKey": null,
        });
        await stack.setConfig("mongodbatlas:privateKey", markers.privateKey, { secret: true });
        await upDestroyAndSearch(stack, [markers.privateKey], "digest", 6);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      "an API key from MONGODB_ATLAS_PUBLIC_API_KEY / MONGODB_ATLAS_PRIVATE_API_KEY (engine logs at -v=9)",
      async () => {
        const stack = await newStack("creds-env", { ...base, "mongodbatlas:privateKey": null });
        await upDestroyAndSearch(stack, [markers.privateKey], "digest", 9, {
          MONGODB_ATLAS_PUBLIC_API_KEY: markers.publicKey,
          MONGODB_ATLAS_PRIVATE_API_KEY: markers.privateKey,
        });
      },
      TEST_TIMEOUT_MS,
    );

    it(
      "a bearer token from MONGODB_ATLAS_ACCESS_TOKEN (engine logs at -v=9)",
      async () => {
        const response = await fetch(`${suite.emulator.baseUrl}/api/oauth/token`, {
          method: "POST",
          headers: {
            Authorization: `Basic ${Buffer.from(`${markers.clientId}:${markers.clientSecret}`).toString("base64")}`,
            "Content-Type": "application/x-www-form-urlencoded",
          },
          body: "grant_type=client_credentials",
        });
        expect(response.status).toBe(200);
        const token = ((await response.json()) as { access_token: string }).access_token;
        expect(token.length).toBeGreaterThan(16);
        const stack = await newStack("creds-token", { ...base, "mongodbatlas:privateKey": null });
        await upDestroyAndSearch(stack, [token, markers.clientSecret], "bearer", 9, {
          MONGODB_ATLAS_ACCESS_TOKEN: token,
        });
      },
      TEST_TIMEOUT_MS,
    );
  });
});
