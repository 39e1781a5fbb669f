/**
 * The TypeScript quickstart (installed from the package's tarball) interrupted as a terminal interrupts it: `pulumi up`
 * is waiting for the service, Ctrl-C (SIGINT to the CLI's process group), then a second one. Pulumi's dynamic-provider
 * host answers the engine's Cancel with nothing, so the create cannot end as a partial create; the journal of creates
 * in flight keeps the POST, the provider's process does not outlive the CLI, and the next `up` takes the service back:
 * one POST, one service, no `adoptExisting`.
 *
 * The same installed program then follows the README's recipe for importing into a TypeScript program: `pulumi import`
 * through the plugin (the package's bin), then the TypeScript resource with `adoptExisting: true`.
 *
 * Needs the engine like test/engine/engine.test.ts: skipped without one, except under CI=true, where that fails.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { EMULATOR_IDENTITY } from "../../emulator";
import { journalFolder, stateFolder } from "../../provider/context/create-journal";
import { AtlasClient } from "../../provider/atlas/client";
import { signalRunningPulumi, type PulumiStack } from "../../scripts/lib/pulumi-cli";
import { REPO_ROOT } from "../../scripts/lib/scratch-program";
import { eventually } from "../support/eventually";
import { describeEngine, engine, exampleProgram, outputText, processesOf, useEngineSuite } from "./engine-harness";

const TEST_TIMEOUT_MS = 240_000;
const QUICKSTART = path.join(REPO_ROOT, "examples", "quickstart");
const PROJECT_NAME = "atlas-private-endpoint-quickstart";
const SERVICE_TYPE = "pulumi-nodejs:dynamic/mongodbatlas:PrivateEndpointService";
const FAST = {
  provisionSeconds: 0.5,
  deletingSeconds: 0.2,
  registrationSeconds: 0.5,
  registrationDeletingSeconds: 0.2,
  clusterUpdateSeconds: 0.3,
};

describeEngine(`the TypeScript quickstart interrupted, through pulumi ${engine?.version ?? "?"}`, () => {
  // The quickstart ends in the private string of its cluster (its default clusterName), with nodes in its region.
  const suite = useEngineSuite(
    {
      ...FAST,
      quiet: true,
      clusters: [
        { name: "Cluster0", clusterType: "REPLICASET", regions: [{ providerName: "AWS", regionName: "us-east-1" }] },
      ],
    },
    () => exampleProgram(QUICKSTART, { projectName: PROJECT_NAME, main: "index.ts", files: ["tsconfig.json"] }),
  );

  /** A stack of the installed program, configured for the emulator in both namespaces (TypeScript and plugin). */
  async function stackOf(name: string): Promise<PulumiStack> {
    const stack = await suite.stack(name);
    await stack.setConfig("atlas-private-endpoint:baseUrl", suite.emulator.baseUrl);
    await stack.setConfig("atlas-private-endpoint:publicKey", EMULATOR_IDENTITY.apiKey.publicKey);
    await stack.setConfig("atlas-private-endpoint:privateKey", EMULATOR_IDENTITY.apiKey.privateKey, { secret: true });
    return stack;
  }

  const text = outputText;
  const servicePosts = async (): Promise<number> =>
    (await suite.ctl.requests()).filter((r) => r.method === "POST" && r.path.endsWith("/endpointService")).length;

  beforeEach(async () => {
    await suite.ctl.reset();
    await suite.ctl.settings(FAST);
  });

  /**
   * Runs `up` until the service's POST is answered and journaled, interrupts it with `interrupt`, then checks that
   * nothing of that run is left running, that the record survived, and that the next `up` takes the service back.
   */
  async function interruptAndResume(
    stackName: string,
    interrupt: (output: () => string) => Promise<void>,
    { unlock = false }: { unlock?: boolean } = {},
  ) {
    const stack = await stackOf(stackName);
    await suite.ctl.settings({ provisionSeconds: 120 });
    let output = "";
    const running = stack.up({ allowFailure: true, onOutput: (chunk) => (output += chunk) });
    const [posted] = await eventually(
      () => suite.ctl.services(),
      (list) => list.length === 1,
      { timeoutMs: 90_000, intervalMs: 100 },
    );
    // The journal has the POST's answer before the wait begins.
    const journal = journalFolder({ project: PROJECT_NAME, stack: stackName }, stateFolder());
    await eventually(
      () => Promise.resolve(fs.existsSync(journal) ? fs.readdirSync(journal) : []),
      (files) => files.length === 1,
    );
    await interrupt(() => output);
    const interrupted = await running;
    expect(interrupted.code).not.toBe(0);
    // A CLI killed hard leaves its lock on the stack, as any Pulumi program would.
    if (unlock) await stack.run(["cancel", "--yes"]);

    // The provider's process does not outlive that run (Pulumi's own language host may, after a hard kill: it goes
    // now, by process id), and the record of the POST survives it.
    await eventually(
      () => Promise.resolve(processesOf(stack).filter((p) => p.includes("dynamic-provider"))),
      (left) => left.length === 0,
      { timeoutMs: 20_000, intervalMs: 250 },
    );
    for (const left of processesOf(stack)) process.kill(Number(left.split(" ")[0]), "SIGKILL");
    const records = fs
      .readdirSync(journal)
      .map((file) => JSON.parse(fs.readFileSync(path.join(journal, file), "utf8")) as Record<string, unknown>);
    expect(records).toEqual([
      {
        slot: `PrivateEndpointService/${EMULATOR_IDENTITY.projectId}/AWS/US_EAST_1`,
        postedAtMs: expect.any(Number) as unknown,
        id: posted?.id,
      },
    ]);
    expect((await stack.exportStack()).resources.filter((r) => r.type === SERVICE_TYPE)).toEqual([]);

    // The next up takes it back: no second POST, no adoptExisting, and the record is gone.
    await suite.ctl.patchService(posted?.id ?? "", { status: "AVAILABLE" });
    const resumed = await stack.up();
    expect(text(resumed)).toContain(`taking back endpoint service ${posted?.id}`);
    expect(await servicePosts()).toBe(1);
    expect((await suite.ctl.services()).map((s) => [s.id, s.status])).toEqual([[posted?.id, "AVAILABLE"]]);
    expect((await stack.outputs())["privateLinkId"]).toBe(posted?.id);
    expect(fs.readdirSync(journal)).toEqual([]);
    await stack.preview({ expectNoChanges: true });
    await stack.destroy();
    expect(await suite.ctl.services()).toEqual([]);
  }

  it(
    "keeps the service of an up interrupted by Ctrl-C twice during its wait: one POST, one service, no process left",
    async () => {
      await interruptAndResume("interrupted", async (output) => {
        // Ctrl-C: the CLI cancels and waits for the create in flight, which does not hear it. Then Ctrl-C again.
        signalRunningPulumi("SIGINT");
        await eventually(
          () => Promise.resolve(output()),
          (text) => text.includes("^C received"),
        );
        signalRunningPulumi("SIGINT");
      });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "keeps the service of an up whose CLI is killed hard, and its provider's process leaves too",
    async () => {
      await interruptAndResume(
        "killed",
        () => {
          // A CI runner's SIGKILL to the CLI's process group: the plugins, in groups of their own, are not hit.
          signalRunningPulumi("SIGKILL");
          return Promise.resolve();
        },
        { unlock: true },
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "follows the README's recipe: pulumi import through the plugin, then the TypeScript resource with adoptExisting",
    async () => {
      const dir = suite.program.dir;
      const atlas = new AtlasClient({
        baseUrl: suite.emulator.baseUrl,
        credentials: { kind: "api-key", ...EMULATOR_IDENTITY.apiKey },
      });
      const made = await atlas.createEndpointService(EMULATOR_IDENTITY.projectId, {
        providerName: "AWS",
        region: "US_EAST_1",
      });
      const stack = await stackOf("recipe");
      // The package's bin is the plugin: on PATH, the engine finds it.
      const env = { PATH: [path.join(dir, "node_modules", ".bin"), process.env["PATH"] ?? ""].join(path.delimiter) };

      // 1. Import through the plugin: the inputs to declare, checked against Atlas.
      const imported = await stack.run(
        [
          "import",
          "atlas-private-endpoint:index:PrivateEndpointService",
          "quickstart",
          `${EMULATOR_IDENTITY.projectId}/AWS/${made.id}`,
          "--yes",
          "--protect=false",
          "--generate-code=false",
        ],
        { env },
      );
      expect(imported.stdout).toMatch(/= 1 imported/);
      const urn = (await stack.exportStack()).resources.find(
        (r) => r.type === "atlas-private-endpoint:index:PrivateEndpointService",
      )?.urn;
      expect((await stack.exportStack()).resources.find((r) => r.urn === urn)?.inputs).toEqual({
        projectId: EMULATOR_IDENTITY.projectId,
        providerName: "AWS",
        region: "us-east-1",
      });

      // 2. Switch: drop the plugin's copy from state, declare the TypeScript resource with adoptExisting.
      await stack.run(["state", "delete", urn ?? "", "--yes"], { env });
      const source = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
      try {
        fs.writeFileSync(
          path.join(dir, "index.ts"),
          source.replace("  region,\n});", "  region,\n  adoptExisting: true,\n});"),
        );
        await suite.ctl.clearRequests();
        await stack.up({ env });
        expect(await servicePosts()).toBe(0);
        expect((await stack.outputs())["privateLinkId"]).toBe(made.id);
        expect((await suite.ctl.services()).map((s) => s.id)).toEqual([made.id]);
        await stack.destroy({ env });
      } finally {
        fs.writeFileSync(path.join(dir, "index.ts"), source);
      }
      expect(await suite.ctl.services()).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
