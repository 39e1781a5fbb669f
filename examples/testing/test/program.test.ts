/**
 * Unit tests: the program runs in this process with Pulumi's mocks, no engine and no Atlas. `atlasMocks()` answers
 * for PrivateEndpointService as the provider would (same input check, realistic outputs); anything else goes to the
 * mocks you pass it.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { atlasMocks } from "pulumi-atlas-private-endpoint/testing";

const PROJECT = "atlas-private-endpoint-testing";

function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

describe("the program", () => {
  it("exports the AWS endpoint service name of the configured region", async () => {
    await pulumi.runtime.setMocks(atlasMocks(), PROJECT, "unit", false);
    pulumi.runtime.setAllConfig({ [`${PROJECT}:region`]: "us-west-2" });
    const program = await import("../index");

    expect(await valueOf(program.status)).toBe("AVAILABLE");
    expect(await valueOf(program.endpointServiceName)).toMatch(
      /^com\.amazonaws\.vpce\.us-west-2\.vpce-svc-[0-9a-f]{17}$/,
    );
  });

  it("stops on a region AWS does not have, with the message pulumi preview shows", () => {
    // A rejected resource fails the whole program, as in a real preview; so this case runs in its own process.
    const run = spawnSync(process.execPath, [path.join(__dirname, "run-under-mocks.js")], {
      env: { ...process.env, PROGRAM_CONFIG: JSON.stringify({ [`${PROJECT}:region`]: "eu-west-9" }) },
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `resource 'orders-db': property region value {eu-west-9} has a problem: region "eu-west-9" is not an AWS region Atlas knows`,
    );
  });
});
