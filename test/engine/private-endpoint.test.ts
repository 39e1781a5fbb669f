/**
 * The whole private link through the real engine, the installed package and the emulator: services and the cloud
 * endpoints registered with them (`PrivateEndpoint`), on every cloud. One program, driven by stack config (`services`
 * and `links`), so each scenario only changes config. Needs the engine, like engine.test.ts.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { EMULATOR_IDENTITY } from "../../emulator";
import type { ExportedResource, PulumiStack } from "../../scripts/lib/pulumi-cli";
import type { RequestLogEntry } from "../support/emulator-control";
import { describeEngine, outputText, useEngineSuite } from "./engine-harness";

const TEST_TIMEOUT_MS = 180_000;
const LINK_TYPE = "pulumi-nodejs:dynamic/mongodbatlas:PrivateEndpoint";
const SERVICE_TYPE = "pulumi-nodejs:dynamic/mongodbatlas:PrivateEndpointService";
const PROJECT = EMULATOR_IDENTITY.projectId;
/** Emulator timings: a service ready in 1 s, a registration in 1 s; deletions take half a second. */
const TIMINGS = {
  provisionSeconds: 1,
  deletingSeconds: 0.5,
  updateSeconds: 0.5,
  registrationSeconds: 1,
  registrationDeletingSeconds: 0.5,
  // The GCP link below registers two forwarding rules: one per service attachment.
  gcpAttachmentCount: 2,
} as const;

/**
 * The program: a PrivateEndpointService per entry of `services`, a PrivateEndpoint per entry of `links`, registered
 * with the service named by `service` (its `privateLinkId` output, unless the entry gives one); every output exported.
 */
const PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const { PrivateEndpoint, PrivateEndpointService } = require("pulumi-atlas-private-endpoint");

const config = new pulumi.Config();
const projectId = ${JSON.stringify(PROJECT)};
const SERVICE_OUTPUTS = ["privateLinkId", "status", "interfaceEndpoints", "privateEndpoints", "endpointGroupNames",
  "serviceAttachmentNames", "portMappingEnabled"];
const LINK_INPUTS = ["privateEndpointIpAddress", "gcpProjectId", "endpoints", "deleteOnCreateTimeout", "timeouts"];
const LINK_OUTPUTS = ["privateLinkId", "endpointServiceId", "interfaceEndpointId", "awsConnectionStatus", "azureStatus",
  "gcpStatus", "privateEndpointResourceId", "privateEndpointIpAddress", "privateEndpointConnectionName",
  "endpointGroupName", "endpoints", "portMappingEnabled", "errorMessage", "deleteRequested"];

const services = {};
const serviceOutputs = {};
for (const spec of config.requireObject("services")) {
  const args = { projectId, providerName: spec.providerName, region: spec.region };
  if (spec.portMappingEnabled !== undefined) args.portMappingEnabled = spec.portMappingEnabled;
  const service = new PrivateEndpointService(spec.name, args);
  services[spec.name] = { service, providerName: spec.providerName };
  const out = { id: service.id };
  for (const key of SERVICE_OUTPUTS) out[key] = service[key];
  serviceOutputs[spec.name] = out;
}
const linkOutputs = {};
for (const spec of config.getObject("links") || []) {
  const target = services[spec.service];
  const args = {
    projectId,
    providerName: target.providerName,
    privateLinkId: spec.privateLinkId !== undefined ? spec.privateLinkId : target.service.privateLinkId,
    endpointServiceId: spec.endpointServiceId,
  };
  for (const key of LINK_INPUTS) if (spec[key] !== undefined) args[key] = spec[key];
  const link = new PrivateEndpoint(spec.name, args);
  const out = { id: link.id };
  for (const key of LINK_OUTPUTS) out[key] = link[key];
  linkOutputs[spec.name] = out;
}
exports.services = serviceOutputs;
exports.links = linkOutputs;
`;

interface ServiceSpec {
  name: string;
  providerName: "AWS" | "AZURE" | "GCP";
  region: string;
  portMappingEnabled?: boolean;
}

interface LinkSpec {
  name: string;
  /** The name of the service to register with. */
  service: string;
  endpointServiceId: string;
  privateLinkId?: string;
  privateEndpointIpAddress?: string;
  gcpProjectId?: string;
  endpoints?: { endpointName: string; ipAddress: string }[];
  timeouts?: { create?: string; delete?: string };
}

type Outputs = Record<string, unknown> & { id: string };

const hex = (digits: number): string =>
  randomBytes(Math.ceil(digits / 2))
    .toString("hex")
    .slice(0, digits);
const vpceId = (): string => `vpce-${hex(17)}`;
const AZURE_ENDPOINT_ID = `/subscriptions/${randomUUID()}/resourceGroups/rg-app/providers/Microsoft.Network/privateEndpoints/pe-atlas`;

describeEngine("the whole private link through the Pulumi engine", () => {
  const suite = useEngineSuite({ ...TIMINGS, quiet: true }, () => ({
    program: { file: "index.js", source: PROGRAM },
    projectName: "private-link-test",
  }));

  const newStack = (name: string): Promise<PulumiStack> => suite.stack(name);

  async function configure(stack: PulumiStack, services: ServiceSpec[], links: LinkSpec[]): Promise<void> {
    await stack.setConfig("services", JSON.stringify(services));
    await stack.setConfig("links", JSON.stringify(links));
  }

  async function outputsOf(
    stack: PulumiStack,
  ): Promise<{ services: Record<string, Outputs>; links: Record<string, Outputs> }> {
    const all = await stack.outputs();
    return {
      services: all["services"] as Record<string, Outputs>,
      links: all["links"] as Record<string, Outputs>,
    };
  }

  const ofType = (resources: ExportedResource[], type: string): ExportedResource[] =>
    resources.filter((r) => r.type === type);
  /** Requests Atlas answered (digest's 401 challenges are repeated signed, so they are not attempts). */
  const answered = (log: RequestLogEntry[]): RequestLogEntry[] => log.filter((r) => r.status !== 401);
  const isRegistrationPost = (r: RequestLogEntry): boolean => r.method === "POST" && /\/endpoint$/.test(r.path);

  /** Each service's outputs in the state, by resource name. */
  async function serviceStates(stack: PulumiStack): Promise<Record<string, Record<string, unknown>>> {
    const resources = ofType((await stack.exportStack()).resources, SERVICE_TYPE);
    return Object.fromEntries(resources.map((r) => [r.urn.split("::").pop() ?? "", r.outputs ?? {}] as const));
  }

  describe("a link on each cloud", () => {
    let stack: PulumiStack;
    const aws = vpceId();
    const services: ServiceSpec[] = [
      { name: "aws", providerName: "AWS", region: "us-east-1" },
      { name: "azure", providerName: "AZURE", region: "eastus2" },
      { name: "gcp", providerName: "GCP", region: "us-central1" },
      { name: "gcp-mapped", providerName: "GCP", region: "us-east4", portMappingEnabled: true },
    ];
    const links: LinkSpec[] = [
      { name: "aws-link", service: "aws", endpointServiceId: aws },
      {
        name: "azure-link",
        service: "azure",
        endpointServiceId: AZURE_ENDPOINT_ID,
        privateEndpointIpAddress: "10.0.0.4",
      },
      {
        name: "gcp-link",
        service: "gcp",
        endpointServiceId: "atlas-group",
        gcpProjectId: "my-gcp-project",
        endpoints: [
          { endpointName: "atlas-group-0", ipAddress: "10.128.0.10" },
          { endpointName: "atlas-group-1", ipAddress: "10.128.0.11" },
        ],
      },
      {
        name: "gcp-mapped-link",
        service: "gcp-mapped",
        endpointServiceId: "atlas-rule",
        gcpProjectId: "my-gcp-project",
        privateEndpointIpAddress: "10.142.0.5",
      },
    ];

    beforeAll(async () => {
      if (!suite.started) return; // the suite's setup failed; its error is reported
      await suite.ctl.reset();
      await suite.ctl.settings(TIMINGS);
      stack = await newStack("clouds");
      await configure(stack, services, links);
    }, TEST_TIMEOUT_MS);

    it(
      "up creates each service and registers its cloud endpoint: every link AVAILABLE",
      async () => {
        const up = await stack.up();
        const { services: s, links: l } = await outputsOf(stack);
        const id = (name: string): string => (s[name] as Outputs).id;

        expect(l["aws-link"]).toMatchObject({
          id: `${id("aws")}:${aws}`,
          privateLinkId: id("aws"),
          endpointServiceId: aws,
          interfaceEndpointId: aws,
          awsConnectionStatus: "AVAILABLE",
          azureStatus: null,
          gcpStatus: null,
          errorMessage: null,
        });
        expect(l["azure-link"]).toMatchObject({
          privateLinkId: id("azure"),
          azureStatus: "AVAILABLE",
          awsConnectionStatus: null,
          privateEndpointResourceId: AZURE_ENDPOINT_ID,
          privateEndpointIpAddress: "10.0.0.4",
          privateEndpointConnectionName: expect.any(String) as unknown,
        });
        expect(l["gcp-link"]).toMatchObject({
          privateLinkId: id("gcp"),
          gcpStatus: "AVAILABLE",
          endpointGroupName: "atlas-group",
          portMappingEnabled: false,
          endpoints: [
            { endpointName: "atlas-group-0", ipAddress: "10.128.0.10", status: "AVAILABLE" },
            { endpointName: "atlas-group-1", ipAddress: "10.128.0.11", status: "AVAILABLE" },
          ],
        });
        expect(l["gcp-mapped-link"]).toMatchObject({
          privateLinkId: id("gcp-mapped"),
          gcpStatus: "AVAILABLE",
          endpointGroupName: "atlas-rule",
          privateEndpointIpAddress: "10.142.0.5",
          portMappingEnabled: true,
          endpoints: [],
        });
        // Progress lines name the resource and its cloud endpoint, as the service's do.
        expect(up.stdout).toContain(
          `PrivateEndpoint aws-link (AWS ${aws}): Atlas accepted the registration with endpoint service ${id("aws")}; waiting until AVAILABLE`,
        );
        expect(up.stdout).toMatch(new RegExp(`PrivateEndpoint aws-link \\(AWS ${aws}\\): AVAILABLE after \\d+ s`));

        const registered = await suite.ctl.registrations();
        expect(registered.map((r) => [r.serviceId, r.endpointId, r.status]).sort()).toEqual(
          [
            [id("aws"), aws, "AVAILABLE"],
            [id("azure"), AZURE_ENDPOINT_ID, "AVAILABLE"],
            [id("gcp"), "atlas-group", "AVAILABLE"],
            [id("gcp-mapped"), "atlas-rule", "AVAILABLE"],
          ].sort(),
        );
        await stack.preview({ expectNoChanges: true });
      },
      TEST_TIMEOUT_MS,
    );

    it(
      "refresh: each service lists its registration (AWS interfaceEndpoints, Azure privateEndpoints, GCP endpointGroupNames)",
      async () => {
        // The services were read before their endpoints were registered. (Refresh does not run the program, so the
        // stack outputs stay as the last up set them: the state's resources are what refresh changes.)
        const before = await serviceStates(stack);
        expect(before["aws"]?.["interfaceEndpoints"]).toEqual([]);
        await stack.refresh();
        const after = await serviceStates(stack);
        expect(after["aws"]?.["interfaceEndpoints"]).toEqual([aws]);
        expect(after["azure"]?.["privateEndpoints"]).toEqual([AZURE_ENDPOINT_ID]);
        expect(after["gcp"]?.["endpointGroupNames"]).toEqual(["atlas-group"]);
        expect(after["gcp-mapped"]?.["endpointGroupNames"]).toEqual(["atlas-rule"]);
        await stack.preview({ expectNoChanges: true });
      },
      TEST_TIMEOUT_MS,
    );

    it(
      "destroy deletes every registration before its service and leaves nothing in the emulator",
      async () => {
        const ids = Object.fromEntries(
          Object.entries((await outputsOf(stack)).services).map(([name, out]) => [name, out.id]),
        );
        await suite.ctl.clearRequests();
        await stack.destroy();

        const deletes = answered(await suite.ctl.requests()).filter((r) => r.method === "DELETE");
        for (const [name, serviceId] of Object.entries(ids)) {
          const ofService = deletes.filter((r) => r.path.includes(`/endpointService/${serviceId}`));
          const registration = ofService.filter((r) => r.path.includes("/endpoint/"));
          const service = ofService.filter((r) => r.path.endsWith(`/endpointService/${serviceId}`));
          expect([name, registration.length, service.length]).toEqual([name, 1, 1]);
          expect((registration[0] as RequestLogEntry).seq).toBeLessThan((service[0] as RequestLogEntry).seq);
        }
        expect(deletes.filter((r) => r.status >= 400)).toEqual([]);
        expect(await suite.ctl.registrations()).toEqual([]);
        expect(await suite.ctl.services()).toEqual([]);
        const left = (await stack.exportStack()).resources;
        expect([...ofType(left, LINK_TYPE), ...ofType(left, SERVICE_TYPE)]).toEqual([]);
        await stack.removeStack();
      },
      TEST_TIMEOUT_MS,
    );
  });

  describe("failures on one stack", () => {
    let stack: PulumiStack;
    const services: ServiceSpec[] = [{ name: "aws", providerName: "AWS", region: "eu-west-1" }];
    let serviceId: string;
    /** Links already made in this stack, kept in later configs so that no scenario deletes another's. */
    const kept: LinkSpec[] = [];

    beforeAll(async () => {
      if (!suite.started) return; // the suite's setup failed; its error is reported
      await suite.ctl.reset();
      await suite.ctl.settings(TIMINGS);
      stack = await newStack("failures");
      await configure(stack, services, []);
      await stack.up();
      serviceId = (await outputsOf(stack)).services["aws"]?.id as string;
    }, TEST_TIMEOUT_MS);

    it(
      "the swap of ids (a 24-hex service id in endpointServiceId) fails in preview with no HTTP request",
      async () => {
        await configure(stack, services, [
          { name: "swapped", service: "aws", privateLinkId: vpceId(), endpointServiceId: serviceId },
        ]);
        await suite.ctl.clearRequests();
        const preview = await stack.preview({ allowFailure: true });

        expect(preview.code).not.toBe(0);
        expect(outputText(preview)).toContain(
          `endpointServiceId "${serviceId}" is an Atlas endpoint service id; it goes in privateLinkId.`,
        );
        expect(outputText(preview)).toContain("is a cloud endpoint id; it goes in endpointServiceId.");
        expect(await suite.ctl.requests()).toEqual([]);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      "a rejected registration: up fails with Atlas' message and records it; the next up replaces it",
      async () => {
        const missing = vpceId();
        await suite.ctl.declareEndpointMissing(missing);
        await configure(stack, services, [{ name: "rejected", service: "aws", endpointServiceId: missing }]);
        const failed = await stack.up({ allowFailure: true });

        expect(failed.code).not.toBe(0);
        expect(outputText(failed)).toContain(`Interface endpoint ${missing} was not found.`);
        const recorded = ofType((await stack.exportStack()).resources, LINK_TYPE);
        expect(recorded.map((r) => [r.id, r.outputs?.["awsConnectionStatus"], r.outputs?.["errorMessage"]])).toEqual([
          [`${serviceId}:${missing}`, "REJECTED", `Interface endpoint ${missing} was not found.`],
        ]);

        // The cloud endpoint exists now: the recorded registration is replaced, deleted before it is registered again.
        await suite.ctl.clearMissingEndpoints();
        const preview = await stack.preview({ diff: true });
        expect(preview.stdout).toMatch(/\+- ?1 to replace/);
        await suite.ctl.clearRequests();
        await stack.up();

        const log = answered(await suite.ctl.requests());
        const deleted = log.filter((r) => r.method === "DELETE" && r.path.endsWith(`/endpoint/${missing}`));
        const posted = log.filter(isRegistrationPost);
        expect([deleted.length, posted.length]).toEqual([1, 1]);
        expect((deleted[0] as RequestLogEntry).seq).toBeLessThan((posted[0] as RequestLogEntry).seq);
        expect((await outputsOf(stack)).links["rejected"]).toMatchObject({
          awsConnectionStatus: "AVAILABLE",
          errorMessage: null,
        });
        expect((await suite.ctl.registrations()).map((r) => [r.endpointId, r.status])).toEqual([
          [missing, "AVAILABLE"],
        ]);
        kept.push({ name: "rejected", service: "aws", endpointServiceId: missing });
      },
      TEST_TIMEOUT_MS,
    );

    it(
      "a create timeout records the registration; the next up resumes it without a second POST",
      async () => {
        const slow = vpceId();
        await configure(stack, services, [
          ...kept,
          { name: "slow", service: "aws", endpointServiceId: slow, timeouts: { create: "2s" } },
        ]);
        // Long enough that the resumed up, engine start-up included, still finds it pending.
        await suite.ctl.settings({ registrationSeconds: 20 });
        await suite.ctl.clearRequests();
        const failed = await stack.up({ allowFailure: true });

        expect(failed.code).not.toBe(0);
        expect(outputText(failed)).toContain("was not AVAILABLE within timeouts.create (2s)");
        const recorded = ofType((await stack.exportStack()).resources, LINK_TYPE).filter((r) => r.id?.endsWith(slow));
        expect(recorded.map((r) => [r.id, r.outputs?.["awsConnectionStatus"]])).toEqual([
          [`${serviceId}:${slow}`, expect.stringMatching(/^PENDING/)],
        ]);
        expect(answered(await suite.ctl.requests()).filter(isRegistrationPost)).toHaveLength(1);

        await configure(stack, services, [
          ...kept,
          { name: "slow", service: "aws", endpointServiceId: slow, timeouts: { create: "2m" } },
        ]);
        await suite.ctl.clearRequests();
        const resumed = await stack.up();

        expect(resumed.stdout).toMatch(/PrivateEndpoint slow[^\n]*resum/);
        const log = answered(await suite.ctl.requests());
        expect(log.filter(isRegistrationPost)).toEqual([]);
        expect(log.filter((r) => r.method === "DELETE")).toEqual([]);
        expect((await outputsOf(stack)).links["slow"]).toMatchObject({
          id: `${serviceId}:${slow}`,
          awsConnectionStatus: "AVAILABLE",
        });
        const registered = (await suite.ctl.registrations()).filter((r) => r.endpointId === slow);
        expect(registered.map((r) => r.status)).toEqual(["AVAILABLE"]);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      "destroy leaves the emulator empty",
      async () => {
        await suite.ctl.settings(TIMINGS);
        await stack.destroy();
        expect(await suite.ctl.registrations()).toEqual([]);
        expect(await suite.ctl.services()).toEqual([]);
        await stack.removeStack();
      },
      TEST_TIMEOUT_MS,
    );
  });
});
