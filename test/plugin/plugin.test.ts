import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PluginCallError, startDynamicPlugin } from "../../scripts/lib/dynamic-plugin";
import { FAST_TIMINGS, emulatorConfig, eventually } from "../support/provider-harness";
import {
  PROJECT,
  SERVICE_PROVIDER as PROVIDER,
  checked as checkedBy,
  usePluginBench,
  type Props,
} from "./plugin-harness";

/** The real dynamic-provider plugin, spawned from @pulumi/pulumi and driven over gRPC as the engine drives it. */
const bench = usePluginBench({}, { timings: FAST_TIMINGS, resources: ["endpoint-service"] });

const checked = (news: Props): Promise<Props> => checkedBy(bench.plugin, PROVIDER, news);

describe("the dynamic-provider plugin over gRPC", () => {
  it("checks, creates, reads, diffs, updates and deletes a service", async () => {
    const inputs = await checked({
      projectId: PROJECT,
      providerName: "aws",
      region: "eu-west-1",
      resourceName: "grpc",
    });
    expect(inputs["providerName"]).toBe("AWS");

    const created = await bench.plugin.create(inputs);
    expect(created.properties).toMatchObject({
      status: "AVAILABLE",
      regionName: "EU_WEST_1",
      privateLinkId: created.id,
      __provider: PROVIDER,
    });
    expect(created.properties["endpointServiceName"]).toMatch(/^com\.amazonaws\.vpce\.eu-west-1\.vpce-svc-/);

    const read = await bench.plugin.read(created.id, created.properties);
    expect(read.id).toBe(created.id);
    expect(read.properties["status"]).toBe("AVAILABLE");
    expect(read.inputs).toMatchObject({ projectId: PROJECT, providerName: "AWS", region: "eu-west-1" });

    const respelled = await checked({ ...inputs, region: "EU_WEST_1" });
    expect(await bench.plugin.diff(created.id, created.properties, respelled)).toEqual({
      changes: "none",
      replaces: [],
      deleteBeforeReplace: false,
    });

    const moreRegions = await checked({ ...inputs, supportedRemoteRegions: ["us-east-1"] });
    expect(await bench.plugin.diff(created.id, created.properties, moreRegions)).toEqual({
      changes: "some",
      replaces: [],
      deleteBeforeReplace: false,
    });
    const updated = await bench.plugin.update(created.id, created.properties, moreRegions);
    expect(updated.properties["supportedRemoteRegions"]).toEqual(["US_EAST_1"]);

    const moved = await checked({ ...inputs, region: "eu-west-2" });
    expect(await bench.plugin.diff(created.id, updated.properties, moved)).toEqual({
      changes: "some",
      replaces: ["region"],
      deleteBeforeReplace: false,
    });

    await bench.plugin.delete(created.id, updated.properties);
    expect(await bench.ctl.services()).toEqual([]);
    expect(bench.plugin.output()).toContain("PrivateEndpointService grpc (AWS eu-west-1)");
  });

  it("sends a FAILED create back as a partial create in the gRPC trailer", async () => {
    await bench.ctl.settings({ provisionSeconds: 30 });
    const inputs = await checked({ projectId: PROJECT, providerName: "GCP", region: "us-east4" });
    const creating = bench.plugin.create(inputs).then(
      () => undefined,
      (error: unknown) => error,
    );
    const [service] = await eventually(
      () => bench.ctl.services(),
      (list) => list.length === 1,
    );
    await bench.ctl.patchService(service!.id, { status: "FAILED", errorMessage: "Reason: No Capacity." });
    const error = await creating;
    expect(error).toBeInstanceOf(PluginCallError);
    const partial = (error as PluginCallError).partial;
    expect(partial?.id).toBe(service!.id);
    expect(partial?.reasons.join(" ")).toContain("Reason: No Capacity.");
    expect(partial?.properties).toMatchObject({ status: "FAILED", privateLinkId: service!.id, __provider: PROVIDER });

    // The engine would now replace it: the diff says so, deleting first (same region).
    expect(await bench.plugin.diff(service!.id, partial!.properties, inputs)).toEqual({
      changes: "some",
      replaces: ["status"],
      deleteBeforeReplace: true,
    });
  });

  it("resumes an interrupted create through update", async () => {
    await bench.ctl.settings({ provisionSeconds: 1.5 });
    const inputs = await checked({
      projectId: PROJECT,
      providerName: "AZURE",
      region: "eastus",
      timeouts: { create: "200ms" },
    });
    const error = await bench.plugin.create(inputs).then(
      () => undefined,
      (e: unknown) => e as PluginCallError,
    );
    const partial = error?.partial;
    expect(partial?.properties["status"]).toBe("INITIATING");
    const news = await checked({ ...inputs, timeouts: { create: "10m" } });
    const resumed = await bench.plugin.update(partial!.id, partial!.properties, news);
    expect(resumed.properties["status"]).toBe("AVAILABLE");
    const posts = (await bench.ctl.requests()).filter((r) => r.method === "POST" && r.status !== 401);
    expect(posts).toHaveLength(1);
  });

  it("answers a blank id for a service deleted out of band", async () => {
    const created = await bench.plugin.create(
      await checked({ projectId: PROJECT, providerName: "AWS", region: "us-east-2" }),
    );
    await bench.ctl.patchService(created.id, { remove: true });
    const read = await bench.plugin.read(created.id, created.properties);
    expect(read.id).toBe("");
  });

  it("also works when the provider is copied by value into state (a linked, not installed, package)", async () => {
    // Serialized by a program file (as Pulumi runs programs; `node -e` serializes differently) from this checkout's
    // build, which is not under node_modules: so the provider is copied by value.
    const root = path.resolve(__dirname, "../..");
    const program = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "by-value-")), "program.js");
    fs.writeFileSync(
      program,
      `const pulumi = require(${JSON.stringify(path.join(root, "node_modules/@pulumi/pulumi"))});
      let provider;
      pulumi.runtime.setMocks({ newResource: (a) => { provider = a.inputs.__provider; return { id: "x", state: a.inputs }; }, call: () => ({}) }, "p", "s", false);
      const { PrivateEndpointService } = require(${JSON.stringify(path.join(root, "dist/provider"))});
      new PrivateEndpointService("v", { projectId: "${PROJECT}", providerName: "AWS", region: "us-east-1" })
        .urn.apply(() => setTimeout(() => process.stdout.write(provider), 100));`,
    );
    const byValue = execFileSync(process.execPath, [program], { cwd: root, encoding: "utf8" });
    fs.rmSync(path.dirname(program), { recursive: true, force: true });
    expect(byValue).not.toContain('/provider")');
    expect(byValue.length).toBeGreaterThan(10_000);

    // The engine runs the plugin in the project folder, whose node_modules resolve the copied code's requires.
    const copied = await startDynamicPlugin({ cwd: root });
    try {
      await copied.configure(emulatorConfig(bench.emulator.baseUrl));
      const news = { __provider: byValue, projectId: PROJECT, providerName: "AWS", region: "us-east-1" };
      const { inputs, failures } = await copied.check({}, news);
      expect(failures).toEqual([]);
      const created = await copied.create(inputs);
      expect(created.properties["status"]).toBe("AVAILABLE");
      await copied.delete(created.id, created.properties);
      expect(await bench.ctl.services()).toEqual([]);
    } finally {
      await copied.close();
    }
  });
});
