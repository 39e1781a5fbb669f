/**
 * Statements in the texts that the code or the build decides, checked against them, so a text cannot go on saying
 * what stopped being true: which languages are served, what reaches state through the plugin, what the emulator
 * answers, how the engine's cancel travels, and how long the service's delete lets an unattended registration stay.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), "utf8").replace(/\s+/g, " ");

const README = read("README.md");

/** The SDK languages `scripts/check-plugin-sdks.sh` generates and builds (it calls the generator once per language). */
function generatedSdkLanguages(): string[] {
  const script = fs.readFileSync(path.join(ROOT, "scripts/check-plugin-sdks.sh"), "utf8");
  return [...script.matchAll(/"\$SDKGEN" "\$OUT\/schema\.json" (\w+) /g)].map((m) => m[1] ?? "").sort();
}

describe("the texts say what the code and the build do", () => {
  it("names as served through the plugin exactly YAML and the languages whose SDKs are generated and built", () => {
    expect(generatedSdkLanguages()).toEqual(["go", "python"]);
    expect(README).toContain("YAML, Python and Go programs through a provider plugin");
    expect(README).toContain("served to Pulumi YAML, Python and Go programs by a provider plugin");
    expect(README).toMatch(/No \.NET SDK is generated or tested here/);
    expect(README).not.toMatch(/Python, Go and \.NET|Go and \.NET programs/);
    expect(read("CHANGELOG.md")).not.toMatch(/Python, Go and \.NET programs/);
  });

  it("says that through the plugin the configured credentials are the provider's inputs, kept encrypted in state", () => {
    expect(README).not.toMatch(/Credentials never become inputs or outputs, so they never reach state/);
    expect(README).toMatch(
      /Through the provider plugin \(YAML, Python, Go\), the keys set as `atlas-private-endpoint:\*` are the provider's inputs, which the engine stores in state/,
    );
  });

  it("says the engine's cancel reaches the plugin (which ends its waits) but not the dynamic provider", () => {
    const server = fs.readFileSync(require.resolve("@pulumi/pulumi/provider/server.js"), "utf8");
    const plugin = fs.readFileSync(path.join(ROOT, "provider/faces/plugin/provider.ts"), "utf8");
    expect(server).toMatch(/cancel\(call, callback\)/);
    expect(plugin).toMatch(/\n {2}cancel\(\): Promise<void> \{/);
    expect(README).not.toMatch(/- The engine's cancel does not reach the provider/);
    expect(README).toMatch(/Through the plugin, the engine's cancel \(the first Ctrl-C\) ends every wait at once/);
    expect(README).toMatch(/The engine's cancel does not reach a dynamic provider/);
  });

  it("does not say the emulator answers only for endpoint services: it serves registrations too", () => {
    const ci = read("examples/ci/README.md");
    expect(ci).not.toMatch(/answers only for Atlas private endpoint services/);
    expect(ci).toMatch(/and for the cloud endpoints registered with them \(`PrivateEndpoint`\)/);
  });

  it("gives the service's delete the grace the code gives an unattended registration", () => {
    const code = fs.readFileSync(path.join(ROOT, "provider/endpoint-service/delete.ts"), "utf8");
    const graceMs = Number(/const UNATTENDED_GRACE_MS = ([\d_]+);/.exec(code)?.[1]?.replace(/_/g, ""));
    const minimumMs = Number(/const MIN_UNATTENDED_GRACE_MS = ([\d_]+);/.exec(code)?.[1]?.replace(/_/g, ""));
    const note = read("docs/decisions/private-endpoint.md");
    expect(note).not.toMatch(/ends the wait at once/);
    expect(note).toContain(
      `a grace of ${graceMs / 1000} s (scaled by \`pollTimeScale\`, at least ${minimumMs / 1000} s)`,
    );
  });
});
