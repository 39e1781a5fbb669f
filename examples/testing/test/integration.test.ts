/**
 * An integration test: the real Pulumi engine runs `up` and `destroy` of this program through the Automation API,
 * against the local Atlas emulator. Needs the `pulumi` CLI on PATH; the state goes to a throw-away file backend.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { useAtlasEmulator } from "pulumi-atlas-private-endpoint/testing";

const STACK = "integration";
const atlas = useAtlasEmulator();
let scratch: string;
let stack: Stack;

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "program-integration-"));
  stack = await LocalWorkspace.createOrSelectStack(
    { stackName: STACK, workDir: path.resolve(__dirname, "..") },
    {
      envVars: {
        PULUMI_BACKEND_URL: `file://${scratch}`,
        PULUMI_CONFIG_PASSPHRASE: "integration-test",
        PULUMI_HOME: path.join(scratch, "home"),
        PULUMI_SKIP_UPDATE_CHECK: "true",
      },
    },
  );
  await stack.setAllConfig(atlas().stackConfig);
});

afterAll(async () => {
  // Also removes Pulumi.integration.yaml from the program folder.
  await stack?.workspace.removeStack(STACK);
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe("the program against the Atlas emulator", () => {
  it("creates the endpoint service, exports its outputs, and destroys it", async () => {
    const up = await stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(up.outputs["status"]?.value).toBe("AVAILABLE");
    expect(up.outputs["endpointServiceName"]?.value).toMatch(
      /^com\.amazonaws\.vpce\.eu-west-1\.vpce-svc-[0-9a-f]{17}$/,
    );
    const services = await atlas().services();
    expect(services.map((s) => [s.id, s.regionName, s.status])).toEqual([
      [up.outputs["privateLinkId"]?.value, "EU_WEST_1", "AVAILABLE"],
    ]);

    await stack.destroy();
    expect(await atlas().services()).toEqual([]);
  });

  it("fails the up when Atlas fails the service, and destroy removes what was recorded", async () => {
    const failing = await atlas().failNextService({ errorMessage: "Reason: No capacity in the region." });
    await expect(stack.up()).rejects.toThrow("Reason: No capacity in the region.");
    const failed = await failing.failed;
    expect(failed.status).toBe("FAILED");

    await stack.destroy();
    expect(await atlas().services()).toEqual([]);
  });
});
